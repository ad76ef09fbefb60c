import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";

export function artifactUrl(buildId: string, nodeId: string, kind: string) {
  return `/api/builds/${encodeURIComponent(buildId)}/${encodeURIComponent(nodeId)}/${encodeURIComponent(kind)}`;
}

/** Describes one artifact; `withData` also returns the bytes (the download route). */
export async function getBuildArtifact(
  prisma: PrismaClient,
  input: { buildId: string; nodeId: string; kind: string; withData?: boolean },
) {
  const artifact = await prisma.buildArtifact.findUnique({
    where: { buildId_nodeId_kind: { buildId: input.buildId, nodeId: input.nodeId, kind: input.kind } },
  });
  if (!artifact) {
    throw new AppError(
      "NOT_FOUND",
      `Build ${input.buildId} has no ${input.kind} for node ${input.nodeId} (did it succeed?).`,
    );
  }
  const blob = input.withData ? await prisma.artifact.findUnique({ where: { sha256: artifact.sha256 } }) : null;
  return {
    name: artifact.name,
    size: artifact.size,
    sha256: artifact.sha256,
    offset: artifact.offset,
    url: artifactUrl(input.buildId, input.nodeId, input.kind),
    data: blob?.data ?? null,
    contentType: blob?.contentType ?? "application/octet-stream",
  };
}
