import type { Job, PrismaClient } from "../../generated/prisma/client";
import { describeWaiting } from "../../queue/waiting";
import { listWorkers } from "../../queue/workers";

export async function getJob(prisma: PrismaClient, job: Job) {
  const waiting =
    job.status === "queued"
      ? describeWaiting(
          job.requires,
          (await listWorkers(prisma))
            .filter((w) => w.online)
            .map((w) => ({ capabilities: w.capabilities.map((c) => c.name) })),
        )
      : null;
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
