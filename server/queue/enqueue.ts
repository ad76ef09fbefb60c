import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { JOB_ENQUEUED, jobChanged, notify } from "./bus";
import { appendInTransaction } from "./events";

export interface EnqueueInput {
  kind: string;
  payload: Prisma.InputJsonValue;
  /** Capabilities a worker needs, e.g. ["avr-gcc", "qemu-avr"]. */
  requires?: string[];
  projectId?: string;
  priority?: number;
  maxAttempts?: number;
}

export async function enqueueJob(prisma: PrismaClient, input: EnqueueInput): Promise<{ jobId: string }> {
  const job = await prisma.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        kind: input.kind,
        payload: input.payload,
        requires: [...new Set(input.requires ?? [])].sort(),
        projectId: input.projectId,
        priority: input.priority ?? 0,
        maxAttempts: input.maxAttempts ?? 3,
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
