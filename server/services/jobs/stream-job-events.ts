import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { jobChanged, waitFor } from "../../queue/bus";
import { listJobEvents, type JobEventRecord } from "../../queue/events";
import { isTerminal } from "../../queue/state";

/**
 * Every event of a job after `afterSeq`, then live ones as they are stored, ending once the job
 * is finished and drained. A reload starts again from 0 and so replays the whole log.
 */
export async function* streamJobEvents(
  prisma: PrismaClient,
  input: { jobId: string; afterSeq: number; signal?: AbortSignal },
): AsyncGenerator<JobEventRecord> {
  let after = input.afterSeq;
  const exists = await prisma.job.findUnique({ where: { id: input.jobId }, select: { id: true } });
  if (!exists) throw new AppError("NOT_FOUND", `No job ${input.jobId}.`);
  while (!input.signal?.aborted) {
    const job = await prisma.job.findUnique({ where: { id: input.jobId }, select: { status: true } });
    const events = await listJobEvents(prisma, input.jobId, after);
    for (const event of events) {
      yield event;
      after = event.seq;
    }
    if (events.length === 0 && (!job || isTerminal(job.status))) return;
    // Woken at once by an append in this process; the timeout covers other app instances.
    if (events.length === 0) await waitFor(jobChanged(input.jobId), 1_000, input.signal);
  }
}
