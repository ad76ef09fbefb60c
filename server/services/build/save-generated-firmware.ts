import type { FirmwareFile } from "../../../contracts/firmware";
import type { PrismaClient } from "../../generated/prisma/client";

/** Keeps the latest generated source of a node for the editor; a pinned user edit is never overwritten. */
export async function saveGeneratedFirmware(
  prisma: PrismaClient,
  input: { projectId: string; nodeId: string; files: FirmwareFile[]; generator: string },
): Promise<{ saved: boolean }> {
  const where = { projectId_nodeId: { projectId: input.projectId, nodeId: input.nodeId } };
  const current = await prisma.firmwareSource.findUnique({ where, select: { pinned: true } });
  if (current?.pinned) return { saved: false };
  const data = { files: input.files as unknown as object[], generator: input.generator, pinned: false };
  await prisma.firmwareSource.upsert({
    where,
    create: { projectId: input.projectId, nodeId: input.nodeId, ...data },
    update: data,
  });
  return { saved: true };
}
