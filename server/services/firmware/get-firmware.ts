import type { PrismaClient } from "../../generated/prisma/client";

export async function getFirmware(prisma: PrismaClient, input: { projectId: string; nodeId: string }) {
  const source = await prisma.firmwareSource.findUnique({ where: { projectId_nodeId: input } });
  return {
    files: (source?.files ?? []) as { path: string; content: string }[],
    pinned: source?.pinned ?? false,
    generator: source?.generator ?? null,
    updatedAt: source?.updatedAt.toISOString() ?? null,
  };
}
