import type { PrismaClient } from "../../generated/prisma/client";

/** Returns the node to generation: its next build regenerates the source. */
export async function unpinFirmware(prisma: PrismaClient, input: { projectId: string; nodeId: string }) {
  await prisma.firmwareSource.updateMany({ where: input, data: { pinned: false } });
  return { pinned: false };
}
