import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";

/** Loads a project or throws NOT_FOUND; the shared first step of every project-scoped service. */
export async function findProject(prisma: PrismaClient, id: string) {
  const project = await prisma.project.findUnique({ where: { id } });
  if (!project) throw new AppError("NOT_FOUND", `No project ${id}; it may have been deleted.`);
  return project;
}
