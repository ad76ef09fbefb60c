import type { PrismaClient, Project } from "../../generated/prisma/client";

/** Deletes the project with its revisions, jobs, share links and secrets (cascade). */
export async function deleteProject(prisma: PrismaClient, project: Project): Promise<void> {
  await prisma.project.delete({ where: { id: project.id } });
}
