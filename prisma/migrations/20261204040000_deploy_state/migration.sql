-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "plan" BYTEA,
ADD COLUMN     "planText" TEXT,
ADD COLUMN     "state" BYTEA,
ADD COLUMN     "warning" TEXT;
