import type { PrismaClient, Project } from "../../generated/prisma/client";

/** Names and dates only: values never leave the server except into a worker's build. */
export async function listSecrets(prisma: PrismaClient, project: Project) {
  const rows = await prisma.secret.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } });
  return rows.map((row) => ({ name: row.name, updatedAt: row.updatedAt.toISOString() }));
}
