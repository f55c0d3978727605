-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "judged" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Deployment_judged_environmentId_startedAt_idx" ON "Deployment"("environmentId", "startedAt" DESC, "id" DESC) WHERE (judged);

-- A deployment is judged once one of its analyses has a verdict. A trigger rather than the
-- application keeps it, so every writer (verification, seeds, imports, tests) keeps it right.
CREATE FUNCTION "gantry_mark_deployment_judged"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.verdict IS NOT NULL THEN
    UPDATE "Deployment" SET judged = true WHERE id = NEW."deploymentId" AND NOT judged;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Analysis_marks_deployment_judged"
AFTER INSERT OR UPDATE OF verdict, "deploymentId" ON "Analysis"
FOR EACH ROW EXECUTE FUNCTION "gantry_mark_deployment_judged"();

-- Backfill.
UPDATE "Deployment" d SET judged = true WHERE EXISTS (SELECT 1 FROM "Analysis" a WHERE a."deploymentId" = d.id AND a.verdict IS NOT NULL);
