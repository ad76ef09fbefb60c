import type { PrismaClient } from "../../generated/prisma/client";
import { readStoredSpec } from "../../../contracts/spec/validate";
import type { Caller } from "../../auth/resolve-owner";

/** The caller's projects only, newest change first. */
export async function listProjects(prisma: PrismaClient, caller: Caller) {
  const projects = await prisma.project.findMany({
    where: { ownerId: caller.ownerId },
    orderBy: { updatedAt: "desc" },
    take: 200,
  });
  return projects.map((project) => ({
    id: project.id,
    slug: project.slug,
    name: project.name,
    nodeCount: readStoredSpec(project.spec).nodes.length,
    revision: project.revision,
    updatedAt: project.updatedAt.toISOString(),
  }));
}
