-- Share links keep only the sha256 of their token, and may allow firmware downloads.
ALTER TABLE "ShareLink" RENAME COLUMN "token" TO "tokenHash";
ALTER INDEX "ShareLink_token_key" RENAME TO "ShareLink_tokenHash_key";
ALTER TABLE "ShareLink" ADD COLUMN     "allowFirmware" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "ShareLink_projectId_createdAt_idx" ON "ShareLink"("projectId", "createdAt");

-- A build made with empty secrets and node logins, downloadable through a share link.
ALTER TABLE "Build" ADD COLUMN     "withoutSecrets" BOOLEAN NOT NULL DEFAULT false;
