import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { reapExpiredLeases } from "../../queue/lease";
import { failUnservableJobs } from "../../queue/unservable";
import { describeWaiting } from "../../queue/waiting";
import { listWorkers } from "../../queue/workers";

export async function getJob(prisma: PrismaClient, jobId: string) {
  await reapExpiredLeases(prisma);
  await failUnservableJobs(prisma);
  const job = await prisma.job.findUnique({ where: { id: jobId } });
  if (!job) throw new AppError("NOT_FOUND", `No job ${jobId}.`);
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
