import type { PrismaClient, Project } from "../../generated/prisma/client";

/** Returns the node to generation: its next build regenerates the source. */
export async function unpinFirmware(prisma: PrismaClient, input: { project: Project; nodeId: string }) {
  await prisma.firmwareSource.updateMany({
    where: { projectId: input.project.id, nodeId: input.nodeId },
    data: { pinned: false },
  });
  return { pinned: false };
}
