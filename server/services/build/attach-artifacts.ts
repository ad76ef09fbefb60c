import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { storeBlob } from "./store-blob";

export const artifactKinds = ["elf", "bin", "hex", "manifest", "bootloader", "partitions", "app"] as const;

export const artifactUploadSchema = z.object({
  kind: z.enum(artifactKinds),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/),
  offset: z.number().int().nonnegative().optional(),
  /** Either the bytes (base64) or the sha256 of a blob already stored (a compile-cache hit). */
  base64: z.string().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ArtifactUpload = z.infer<typeof artifactUploadSchema>;

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
