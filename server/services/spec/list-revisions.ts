import type { PrismaClient, Project } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";

export async function listRevisions(prisma: PrismaClient, project: Project) {
  const rows = await prisma.specRevision.findMany({
    where: { projectId: project.id },
    orderBy: { revision: "desc" },
    take: 100,
  });
  return rows.map((row) => ({
    revision: row.revision,
    reason: row.reason,
    // Old revisions may name boards that left the catalogue: count nodes without re-validating.
    nodeCount: ((row.spec as Partial<SystemSpec>).nodes ?? []).length,
    createdAt: row.createdAt.toISOString(),
  }));
}
