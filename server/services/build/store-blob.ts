import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";

/** Stores bytes content-addressed; storing the same bytes twice is a no-op. */
export async function storeBlob(prisma: PrismaClient, data: Uint8Array, contentType: string): Promise<string> {
  const sha256 = createHash("sha256").update(data).digest("hex");
  await prisma.artifact.upsert({
    where: { sha256 },
    create: { sha256, size: data.byteLength, contentType, data: new Uint8Array(data) },
    update: {},
  });
  return sha256;
}
