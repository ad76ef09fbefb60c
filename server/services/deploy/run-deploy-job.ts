import { AppError } from "../../../contracts/errors";
import type { DeployAction } from "../../../contracts/jobs/deploy";
import type { PrismaClient } from "../../generated/prisma/client";
import { cancelJob } from "../../queue/cancel";
import { enqueueJob } from "../../queue/enqueue";
import { runningStatus } from "./deploy-status";

/** One deploy per project at a time: CONFLICT while a deploy job of the project is queued or running. */
export async function assertNoDeployRunning(prisma: PrismaClient, projectId: string): Promise<void> {
  const running = await prisma.job.findFirst({
    where: { projectId, kind: "deploy", status: { in: ["queued", "active"] } },
    select: { payload: true, status: true },
  });
  if (!running) return;
  const action = (running.payload as { action?: string }).action ?? "deploy";
  throw new AppError(
    "CONFLICT",
    `A deploy of this project is already ${running.status === "queued" ? "waiting for a worker" : "running"} (${action}): wait for it to finish or cancel it first.`,
  );
}

/**
 * Enqueues a terraform run of an aws deployment and shows it as planning, applying or destroying. The deployment
 * moves to the new job only if its job is still the one the caller read (previousJobId): of two presses at the
 * same moment one wins, the other's job is cancelled (and refused its config if a worker was quicker).
 */
export async function runDeployJob(
  prisma: PrismaClient,
  input: { projectId: string; deploymentId: string; action: DeployAction; previousJobId: string | null },
): Promise<{ jobId: string }> {
  const { previousJobId, ...payload } = input;
  const { jobId } = await enqueueJob(prisma, {
    kind: "deploy",
    projectId: input.projectId,
    payload: { ...payload, target: "aws" },
  });
  const { count } = await prisma.deployment.updateMany({
    where: { id: input.deploymentId, jobId: previousJobId },
    data: { status: runningStatus[input.action], jobId, error: null, warning: null },
  });
  if (count === 0) {
    await cancelJob(prisma, jobId).catch(() => undefined);
    throw new AppError("CONFLICT", "Another deploy of this project started at the same moment: wait for it to finish.");
  }
  return { jobId };
}
