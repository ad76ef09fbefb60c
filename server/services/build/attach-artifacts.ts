import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import type { ArtifactUpload } from "../../../contracts/artifacts";
import { storeBlob } from "./store-blob";

const contentTypes: Record<string, string> = { hex: "text/plain", manifest: "application/json" };

/** Records a build node's artifacts (replacing those of an earlier attempt of the same node). */
export async function attachArtifacts(
  prisma: PrismaClient,
  input: { buildId: string; nodeId: string; artifacts: ArtifactUpload[] },
) {
  const stored = [];
  for (const artifact of input.artifacts) {
    let sha256 = artifact.sha256;
    if (artifact.base64 !== undefined) {
      sha256 = await storeBlob(
        prisma,
        Buffer.from(artifact.base64, "base64"),
        contentTypes[artifact.kind] ?? "application/octet-stream",
      );
    }
    const blob = sha256 ? await prisma.artifact.findUnique({ where: { sha256 }, select: { size: true } }) : null;
    if (!sha256 || !blob)
      throw new AppError("BAD_REQUEST", `Artifact ${artifact.name}: no data and no stored blob ${sha256 ?? ""}`);
    const data = { name: artifact.name, sha256, size: blob.size, offset: artifact.offset ?? null };
    await prisma.buildArtifact.upsert({
      where: { buildId_nodeId_kind: { buildId: input.buildId, nodeId: input.nodeId, kind: artifact.kind } },
      create: { buildId: input.buildId, nodeId: input.nodeId, kind: artifact.kind, ...data },
      update: data,
    });
    stored.push({ kind: artifact.kind, ...data });
  }
  return stored;
}
