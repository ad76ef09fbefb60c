import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { JOB_ENQUEUED, notify } from "./bus";
import { appendJobEvents } from "./events";
import { leaseLost } from "./lease";

export type FinalStatus = "succeeded" | "failed" | "cancelled";

/** Ends a job the worker owns. A worker whose lease was lost gets CONFLICT and must drop its result. */
export async function completeJob(
  prisma: PrismaClient,
  input: { jobId: string; workerId: string; status: FinalStatus; result?: Prisma.InputJsonValue; error?: string },
): Promise<void> {
  const { count } = await prisma.job.updateMany({
    where: { id: input.jobId, status: "active", leaseOwner: input.workerId },
    data: {
      status: input.status,
      result: input.result,
      error: input.error ?? null,
      finishedAt: new Date(),
      leaseOwner: null,
      leaseExpiresAt: null,
    },
  });
  if (count === 0) throw leaseLost(input.jobId);
  await appendJobEvents(prisma, input.jobId, [
    { type: input.status, data: input.error ? { error: input.error } : (input.result ?? {}) },
  ]);
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
  await appendJobEvents(prisma, input.jobId, [{ type: "released", data: { workerId: input.workerId } }]);
  notify(JOB_ENQUEUED);
}
