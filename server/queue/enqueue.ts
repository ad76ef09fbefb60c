import { jobKinds, type JobKindName, type JobPayloadInput } from "../../contracts/jobs";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { JOB_ENQUEUED, jobChanged, notify } from "./bus";
import { appendInTransaction } from "./events";

export interface EnqueueInput<K extends JobKindName> {
  kind: K;
  /** Checked against the kind's payload schema; the capabilities it requires follow from it. */
  payload: JobPayloadInput<K>;
  projectId?: string;
  /** Who started a job that belongs to no project (diagnostics). */
  ownerId?: string;
  /** Set on build jobs: one job per node of a build. */
  build?: { buildId: string; nodeId: string };
  priority?: number;
  maxAttempts?: number;
}

export async function enqueueJob<K extends JobKindName>(
  prisma: PrismaClient,
  input: EnqueueInput<K>,
): Promise<{ jobId: string }> {
  const definition = jobKinds[input.kind];
  const payload = definition.payload.parse(input.payload);
  const requires = (definition.requires as (payload: unknown) => string[])(payload);
  const job = await prisma.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        kind: input.kind,
        payload: payload as Prisma.InputJsonValue,
        requires: [...new Set(requires)].sort(),
        projectId: input.projectId,
        ownerId: input.ownerId,
        buildId: input.build?.buildId,
        nodeId: input.build?.nodeId,
        priority: input.priority ?? 0,
        maxAttempts: input.maxAttempts ?? definition.maxAttempts,
      },
    });
    await appendInTransaction(tx, created.id, [
      { type: "queued", data: { kind: created.kind, requires: created.requires } },
    ]);
    return created;
  });
  notify(JOB_ENQUEUED);
  notify(jobChanged(job.id));
  return { jobId: job.id };
}
