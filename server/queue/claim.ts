import type { Job, PrismaClient } from "../generated/prisma/client";
import { jobChanged, notify } from "./bus";
import { appendJobEvents } from "./events";

export interface ClaimInput {
  workerId: string;
  capabilities: string[];
  /** Job kinds the worker has handlers for. */
  kinds: string[];
  leaseMs: number;
}

/**
 * Takes the highest-priority claimable job, or null. One UPDATE over a `FOR UPDATE SKIP LOCKED`
 * sub-select: concurrent claimers on PostgreSQL never block on or double-claim a row, and on
 * PGlite (one connection) the statement is atomic by construction.
 */
export async function claimJob(prisma: PrismaClient, input: ClaimInput): Promise<Job | null> {
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Job"
       SET status = 'active',
           "leaseOwner" = ${input.workerId},
           "leaseExpiresAt" = now() + make_interval(secs => ${input.leaseMs / 1000}::float8),
           "lastHeartbeatAt" = now(),
           attempts = attempts + 1,
           "startedAt" = COALESCE("startedAt", now())
     WHERE id = (
       SELECT id FROM "Job"
        WHERE status = 'queued'
          AND "runAfter" <= now()
          AND "requires" <@ ${input.capabilities}::text[]
          AND kind = ANY(${input.kinds}::text[])
        ORDER BY priority DESC, "createdAt" ASC, id ASC
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (claimed.length === 0) return null;
  const job = await prisma.job.findUniqueOrThrow({ where: { id: claimed[0].id } });
  await appendJobEvents(prisma, job.id, [
    { type: "claimed", data: { workerId: input.workerId, attempt: job.attempts } },
  ]);
  notify(jobChanged(job.id));
  return job;
}
