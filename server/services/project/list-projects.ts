import type { PrismaClient } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";

export async function listProjects(prisma: PrismaClient) {
  const projects = await prisma.project.findMany({ orderBy: { updatedAt: "desc" }, take: 200 });
  return projects.map((project) => ({
    id: project.id,
    slug: project.slug,
    name: project.name,
    nodeCount: (project.spec as SystemSpec).nodes.length,
    revision: project.revision,
    updatedAt: project.updatedAt.toISOString(),
  }));
}
