import type { Job, PrismaClient } from "../../generated/prisma/client";
import { jobWaitingReason } from "../../queue/job-waiting";

export async function getJob(prisma: PrismaClient, job: Job) {
  const waiting = await jobWaitingReason(prisma, job);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    /** e.g. "waiting: no worker with avr-gcc online"; null when the job is running or next in line. */
    waiting,
    requires: job.requires,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    result: job.result,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
