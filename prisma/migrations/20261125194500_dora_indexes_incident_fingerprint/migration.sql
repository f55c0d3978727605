-- DropIndex
DROP INDEX "Incident_fingerprint_key";

-- CreateIndex
CREATE INDEX "Analysis_failed_deploymentId_idx" ON "Analysis"("deploymentId") WHERE (verdict = 'Fail'::"AnalysisVerdict");

-- CreateIndex
CREATE INDEX "ArtifactCommit_artifactId_sha_committedAt_idx" ON "ArtifactCommit"("artifactId", "sha", "committedAt");

-- CreateIndex
CREATE INDEX "Incident_fingerprint_idx" ON "Incident"("fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_open_fingerprint_key" ON "Incident"("fingerprint") WHERE ("resolvedAt" IS NULL);
