-- An environment deploys to a set of clusters (a fleet) instead of one; drift is tracked per cluster.

-- CreateTable
CREATE TABLE "EnvironmentCluster" (
    "environmentId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "driftCheckedAt" TIMESTAMP(3),
    "driftDetectedAt" TIMESTAMP(3),
    "driftLiveImage" TEXT,

    CONSTRAINT "EnvironmentCluster_pkey" PRIMARY KEY ("environmentId","clusterId")
);

-- Every existing binding, with its drift state, becomes a one-cluster fleet.
INSERT INTO "EnvironmentCluster" ("environmentId", "clusterId", "createdAt", "driftCheckedAt", "driftDetectedAt", "driftLiveImage")
SELECT "id", "clusterId", "updatedAt", "driftCheckedAt", "driftDetectedAt", "driftLiveImage"
FROM "Environment"
WHERE "clusterId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "EnvironmentCluster_clusterId_idx" ON "EnvironmentCluster"("clusterId");

-- AddForeignKey
ALTER TABLE "EnvironmentCluster" ADD CONSTRAINT "EnvironmentCluster_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentCluster" ADD CONSTRAINT "EnvironmentCluster_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- DropForeignKey
ALTER TABLE "Environment" DROP CONSTRAINT "Environment_clusterId_fkey";

-- AlterTable
ALTER TABLE "Environment" DROP COLUMN "clusterId",
DROP COLUMN "driftCheckedAt",
DROP COLUMN "driftDetectedAt",
DROP COLUMN "driftLiveImage";
