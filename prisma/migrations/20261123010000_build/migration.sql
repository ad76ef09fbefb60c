-- AlterTable
ALTER TABLE "Job" ADD COLUMN "buildId" TEXT,
ADD COLUMN "nodeId" TEXT;

-- CreateTable
CREATE TABLE "Build" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "specRevision" INTEGER NOT NULL,
    "nodeIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Build_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuildArtifact" (
    "id" TEXT NOT NULL,
    "buildId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "offset" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BuildArtifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FirmwareSource" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "generator" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FirmwareSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompileCache" (
    "key" TEXT NOT NULL,
    "memory" JSONB NOT NULL,
    "artifacts" JSONB NOT NULL,
    "toolchain" TEXT NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompileCache_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Job_buildId_idx" ON "Job"("buildId");

-- CreateIndex
CREATE INDEX "Build_projectId_createdAt_idx" ON "Build"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BuildArtifact_buildId_nodeId_kind_key" ON "BuildArtifact"("buildId", "nodeId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "FirmwareSource_projectId_nodeId_key" ON "FirmwareSource"("projectId", "nodeId");

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuildArtifact" ADD CONSTRAINT "BuildArtifact_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FirmwareSource" ADD CONSTRAINT "FirmwareSource_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
