-- AlterTable
-- Who saved each revision. Revisions saved before this migration have no author (shown as unknown);
-- deleting an owner keeps the history of projects they touched but forgets who they were.
ALTER TABLE "SpecRevision" ADD COLUMN "ownerId" TEXT;

-- AddForeignKey
ALTER TABLE "SpecRevision" ADD CONSTRAINT "SpecRevision_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE SET NULL ON UPDATE CASCADE;
