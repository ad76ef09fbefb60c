import type { PrismaClient, Project } from "../../generated/prisma/client";

/**
 * The project's deployment as its page shows it: where, its status and outputs (never credentials),
 * and which nodes' firmware predates it ("needs rebuild": their image carries old broker settings).
 */
export async function getDeploy(prisma: PrismaClient, project: Project) {
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment) return { status: "none" as const, target: null, outputs: null, error: null, needsRebuild: [] };
  const built = await prisma.job.findMany({
    where: { projectId: project.id, kind: "build-node", status: "succeeded" },
    select: { nodeId: true, finishedAt: true },
  });
  const lastBuilt = new Map<string, number>();
  for (const job of built) {
    if (job.nodeId) lastBuilt.set(job.nodeId, Math.max(lastBuilt.get(job.nodeId) ?? 0, job.finishedAt?.getTime() ?? 0));
  }
  const nodeIds = ((project.spec as { nodes?: { id: string }[] }).nodes ?? []).map((node) => node.id);
  const needsRebuild =
    deployment.status === "deployed"
      ? nodeIds.filter((id) => (lastBuilt.get(id) ?? 0) < deployment.updatedAt.getTime())
      : [];
  return {
    status: deployment.status,
    target: deployment.target,
    outputs: deployment.outputs as Record<string, string | number> | null,
    error: deployment.error,
    updatedAt: deployment.updatedAt.toISOString(),
    needsRebuild,
  };
}
