import type { PrismaClient, Project } from "../../generated/prisma/client";

export async function listBuilds(prisma: PrismaClient, project: Project) {
  const builds = await prisma.build.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return builds.map((build) => ({
    id: build.id,
    nodeIds: build.nodeIds,
    specRevision: build.specRevision,
    withoutSecrets: build.withoutSecrets,
    createdAt: build.createdAt.toISOString(),
  }));
}
