import type { PrismaClient, Project } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import type { Caller } from "../../auth/resolve-owner";

/** Owners have no names yet: the history says whether the caller saved a revision or someone else did. */
export type RevisionAuthor = "you" | "someone else" | "unknown";

export async function listRevisions(prisma: PrismaClient, project: Project, caller?: Caller) {
  const rows = await prisma.specRevision.findMany({
    where: { projectId: project.id },
    orderBy: { revision: "desc" },
    take: 100,
  });
  return rows.map((row) => ({
    revision: row.revision,
    reason: row.reason,
    author: authorOf(row.ownerId, caller),
    // Old revisions may name boards that left the catalogue: count nodes without re-validating.
    nodeCount: ((row.spec as Partial<SystemSpec>).nodes ?? []).length,
    createdAt: row.createdAt.toISOString(),
  }));
}

function authorOf(ownerId: string | null, caller?: Caller): RevisionAuthor {
  if (!ownerId) return "unknown";
  return ownerId === caller?.ownerId ? "you" : "someone else";
}
