import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { JOB_ENQUEUED, notify } from "./bus";
import { appendJobEvents } from "./events";
import { leaseLost } from "./lease";
import { afterFailure } from "./state";

export type FinalStatus = "succeeded" | "failed" | "cancelled";

export interface CompleteInput {
  jobId: string;
  workerId: string;
  status: FinalStatus;
  result?: Prisma.InputJsonValue;
  error?: string;
  /** Only for "failed": may another attempt succeed? */
  retryable?: boolean;
}

/**
 * Ends (or, for a retryable failure with attempts left, requeues) a job the worker owns. A worker
 * whose lease was lost gets CONFLICT and must drop its result.
 */
export async function completeJob(prisma: PrismaClient, input: CompleteInput): Promise<void> {
  const owned = { id: input.jobId, status: "active" as const, leaseOwner: input.workerId };
  const job = await prisma.job.findFirst({
    where: owned,
    select: { attempts: true, maxAttempts: true, cancelRequested: true },
  });
  if (!job) throw leaseLost(input.jobId);
  const outcome =
    input.status === "failed" ? afterFailure(job, input.retryable ?? false, new Date()) : { status: input.status };
  const released = { leaseOwner: null, leaseExpiresAt: null };

  if (outcome.status === "queued") {
    const { count } = await prisma.job.updateMany({
      where: owned,
      data: { status: "queued", runAfter: outcome.runAfter, error: input.error ?? null, ...released },
    });
    if (count === 0) throw leaseLost(input.jobId);
    await appendJobEvents(prisma, input.jobId, [
      {
        type: "retrying",
        data: { error: input.error ?? "", attempt: job.attempts, runAfter: outcome.runAfter.toISOString() },
      },
    ]);
    notify(JOB_ENQUEUED);
    return;
  }

  const error =
    outcome.status === "failed" && input.retryable && input.error
      ? `${input.error} (failed on each of ${job.maxAttempts} attempts)`
      : input.error;
  const { count } = await prisma.job.updateMany({
    where: owned,
    data: {
      status: outcome.status,
      result: outcome.status === "succeeded" ? input.result : undefined,
      error: outcome.status === "failed" ? (error ?? "failed") : null,
      finishedAt: new Date(),
      ...released,
    },
  });
  if (count === 0) throw leaseLost(input.jobId);
  const data = outcome.status === "failed" ? { error: error ?? "failed" } : (input.result ?? {});
  await appendJobEvents(prisma, input.jobId, [{ type: outcome.status, data }]);
}

/** Gives a job back untouched (a stopping worker): it does not count as an attempt. */
export async function releaseJob(prisma: PrismaClient, input: { jobId: string; workerId: string }): Promise<void> {
  const { count } = await prisma.job.updateMany({
    where: { id: input.jobId, status: "active", leaseOwner: input.workerId },
    data: {
      status: "queued",
      attempts: { decrement: 1 },
      leaseOwner: null,
      leaseExpiresAt: null,
      runAfter: new Date(),
    },
  });
  if (count === 0) throw leaseLost(input.jobId);
  await appendJobEvents(prisma, input.jobId, [{ type: "released", data: {} }]);
  notify(JOB_ENQUEUED);
}
