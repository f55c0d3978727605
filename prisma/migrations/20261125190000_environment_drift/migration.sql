-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "driftCheckedAt" TIMESTAMP(3),
ADD COLUMN     "driftDetectedAt" TIMESTAMP(3),
ADD COLUMN     "driftLiveImage" TEXT;
