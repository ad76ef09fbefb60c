import type { PrismaClient } from "../generated/prisma/client";
import { AppError } from "../../contracts/errors";
import { appendJobEvents } from "./events";
import { afterLeaseExpired } from "./state";

/** Extends the lease of a job the worker still owns; tells it whether cancellation was asked for. */
export async function renewLease(
  prisma: PrismaClient,
  input: { jobId: string; workerId: string; leaseMs: number },
): Promise<{ cancelRequested: boolean }> {
  const rows = await prisma.$queryRaw<{ cancelRequested: boolean }[]>`
    UPDATE "Job"
       SET "leaseExpiresAt" = now() + make_interval(secs => ${input.leaseMs / 1000}::float8),
           "lastHeartbeatAt" = now()
     WHERE id = ${input.jobId} AND status = 'active' AND "leaseOwner" = ${input.workerId}
    RETURNING "cancelRequested"`;
  if (rows.length === 0) throw leaseLost(input.jobId);
  return { cancelRequested: rows[0].cancelRequested };
}

export function leaseLost(jobId: string): AppError {
  return new AppError("CONFLICT", `Job ${jobId} is no longer leased to this worker (lease expired or job finished).`);
}

/**
 * Returns jobs whose worker stopped heartbeating to `queued` (with backoff) or ends them as
 * `failed`/`cancelled`. Each row is updated only if it is still the same expired lease, so two
 * reapers never double-count an attempt.
 */
export async function reapExpiredLeases(prisma: PrismaClient): Promise<number> {
  const expired = await prisma.$queryRaw<
    { id: string; attempts: number; maxAttempts: number; cancelRequested: boolean; leaseOwner: string; now: Date }[]
  >`SELECT id, attempts, "maxAttempts", "cancelRequested", "leaseOwner", now() AS now
      FROM "Job" WHERE status = 'active' AND "leaseExpiresAt" < now() LIMIT 100`;
  let reaped = 0;
  for (const job of expired) {
    const outcome = afterLeaseExpired(job, new Date(job.now));
    const { count } = await prisma.job.updateMany({
      where: { id: job.id, status: "active", leaseOwner: job.leaseOwner, attempts: job.attempts },
      data: {
        status: outcome.status,
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(outcome.status === "queued" ? { runAfter: outcome.runAfter } : { finishedAt: new Date() }),
        ...(outcome.status === "failed" ? { error: outcome.error } : {}),
      },
    });
    if (count === 0) continue;
    reaped += 1;
    await appendJobEvents(prisma, job.id, [
      {
        type: "lease-expired",
        data: { workerId: job.leaseOwner, attempt: job.attempts, next: outcome.status },
      },
      ...(outcome.status === "queued" ? [] : [{ type: outcome.status, data: finishData(outcome) }]),
    ]);
  }
  return reaped;
}

function finishData(outcome: ReturnType<typeof afterLeaseExpired>) {
  return outcome.status === "failed" ? { error: outcome.error } : {};
}
