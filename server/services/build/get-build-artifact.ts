import type { Build, PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";

export function artifactUrl(buildId: string, nodeId: string, kind: string) {
  return `/api/builds/${encodeURIComponent(buildId)}/${encodeURIComponent(nodeId)}/${encodeURIComponent(kind)}`;
}

/** Describes one artifact of an already authorized build; `withData` also returns the bytes (the download route). */
export async function getBuildArtifact(
  prisma: PrismaClient,
  input: { build: Build; nodeId: string; kind: string; withData?: boolean },
) {
  const { build, nodeId, kind } = input;
  const artifact = await prisma.buildArtifact.findUnique({
    where: { buildId_nodeId_kind: { buildId: build.id, nodeId, kind } },
  });
  if (!artifact) {
    throw new AppError("NOT_FOUND", `Build ${build.id} has no ${kind} for node ${nodeId} (did it succeed?).`);
  }
  const blob = input.withData ? await prisma.artifact.findUnique({ where: { sha256: artifact.sha256 } }) : null;
  return {
    name: artifact.name,
    size: artifact.size,
    sha256: artifact.sha256,
    offset: artifact.offset,
    url: artifactUrl(build.id, nodeId, kind),
    data: blob?.data ?? null,
    contentType: blob?.contentType ?? "application/octet-stream",
  };
}
