import type { PrismaClient } from "../../generated/prisma/client";
import { findProject } from "./find-project";

/** Deletes the project with its revisions, jobs, share links and secrets (cascade). */
export async function deleteProject(prisma: PrismaClient, id: string): Promise<void> {
  await findProject(prisma, id);
  await prisma.project.delete({ where: { id } });
}
