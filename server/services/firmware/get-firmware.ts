import type { PrismaClient, Project } from "../../generated/prisma/client";
import { firmwareFilesSchema } from "../../../contracts/firmware";

export async function getFirmware(prisma: PrismaClient, input: { project: Project; nodeId: string }) {
  const source = await prisma.firmwareSource.findUnique({
    where: { projectId_nodeId: { projectId: input.project.id, nodeId: input.nodeId } },
  });
  return {
    files: source ? firmwareFilesSchema.parse(source.files) : [],
    pinned: source?.pinned ?? false,
    generator: source?.generator ?? null,
    updatedAt: source?.updatedAt.toISOString() ?? null,
  };
}
