-- CreateTable
CREATE TABLE "Owner" (
    "id" TEXT NOT NULL,
    "accountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Owner_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Owner_accountId_idx" ON "Owner"("accountId");

-- Projects made before owners existed go to an owner no browser holds: they stay in the database but
-- nobody reaches them through the app (before this migration anyone could).
INSERT INTO "Owner" ("id") SELECT 'unowned-before-owners' WHERE EXISTS (SELECT 1 FROM "Project");

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "ownerId" TEXT;
UPDATE "Project" SET "ownerId" = 'unowned-before-owners' WHERE "ownerId" IS NULL;
ALTER TABLE "Project" ALTER COLUMN "ownerId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Project_ownerId_updatedAt_idx" ON "Project"("ownerId", "updatedAt");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "ownerId" TEXT;

-- Workers registered before credentials existed must register again.
DELETE FROM "Worker";

-- AlterTable
ALTER TABLE "Worker" ADD COLUMN "credentialHash" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Worker_credentialHash_key" ON "Worker"("credentialHash");
