import type { PrismaClient } from "../../generated/prisma/client";

export async function deleteSecret(prisma: PrismaClient, input: { projectId: string; name: string }) {
  await prisma.secret.deleteMany({ where: { projectId: input.projectId, name: input.name } });
}
