import { AppError } from "../../../contracts/errors";
import type { DeployAction } from "../../../contracts/jobs/deploy";
import type { PrismaClient } from "../../generated/prisma/client";
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

/** Enqueues a terraform run of an aws deployment and shows it as planning, applying or destroying. */
export async function runDeployJob(
  prisma: PrismaClient,
  input: { projectId: string; deploymentId: string; action: DeployAction },
): Promise<{ jobId: string }> {
  const { jobId } = await enqueueJob(prisma, {
    kind: "deploy",
    projectId: input.projectId,
    payload: { ...input, target: "aws" },
  });
  await prisma.deployment.update({
    where: { id: input.deploymentId },
    data: { status: runningStatus[input.action], jobId, error: null, warning: null },
  });
  return { jobId };
}
