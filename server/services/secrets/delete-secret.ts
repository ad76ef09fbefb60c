import type { PrismaClient, Project } from "../../generated/prisma/client";

export async function deleteSecret(prisma: PrismaClient, input: { project: Project; name: string }) {
  await prisma.secret.deleteMany({ where: { projectId: input.project.id, name: input.name } });
}
