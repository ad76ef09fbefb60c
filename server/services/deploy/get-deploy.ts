import type { PrismaClient, Project } from "../../generated/prisma/client";
import { reconcileWithJob } from "./deploy-status";

/**
 * The project's deployment as its page shows it: where, its status, the plan awaiting approval, outputs and the
 * deploy job to follow (never credentials, state or plan bytes), and which nodes' firmware predates it
 * ("needs rebuild": their image carries old broker settings).
 */
export async function getDeploy(prisma: PrismaClient, project: Project) {
  let deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment) {
    return {
      status: "none" as const,
      target: null,
      outputs: null,
      error: null,
      warning: null,
      planText: null,
      jobId: null,
      running: false,
      needsRebuild: [],
    };
  }
  const job = deployment.jobId
    ? await prisma.job.findUnique({ where: { id: deployment.jobId }, select: { status: true, error: true } })
    : null;
  const settled = reconcileWithJob(deployment, job);
  if (settled) deployment = await prisma.deployment.update({ where: { id: deployment.id }, data: settled });
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
    warning: deployment.warning,
    /** The redacted `terraform show` of the plan awaiting approval. */
    planText: deployment.status === "awaiting-approval" ? deployment.planText : null,
    jobId: deployment.jobId,
    /** Its deploy job is still queued or running (the status may already show the run's outcome). */
    running: job?.status === "queued" || job?.status === "active",
    updatedAt: deployment.updatedAt.toISOString(),
    needsRebuild,
  };
}
