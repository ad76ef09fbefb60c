import type { PrismaClient } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { findProject } from "../project/find-project";

export async function listRevisions(prisma: PrismaClient, projectId: string) {
  await findProject(prisma, projectId);
  const rows = await prisma.specRevision.findMany({
    where: { projectId },
    orderBy: { revision: "desc" },
    take: 100,
  });
  return rows.map((row) => ({
    revision: row.revision,
    reason: row.reason,
    nodeCount: (row.spec as SystemSpec).nodes.length,
    createdAt: row.createdAt.toISOString(),
  }));
}
