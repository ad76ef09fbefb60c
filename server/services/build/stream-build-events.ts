import type { Build, PrismaClient } from "../../generated/prisma/client";
import type { JobEventRecord } from "../../queue/events";
import { streamJobEvents } from "../jobs/stream-job-events";

/** Every node's events of a build, merged in arrival order, each tagged with its node. */
export async function* streamBuildEvents(
  prisma: PrismaClient,
  build: Build,
  signal?: AbortSignal,
): AsyncGenerator<JobEventRecord & { nodeId: string }> {
  const jobs = await prisma.job.findMany({ where: { buildId: build.id }, select: { id: true, nodeId: true } });
  const streams = jobs.map((job) => streamJobEvents(prisma, { jobId: job.id, afterSeq: 0, signal }));
  const next = (index: number) => streams[index].next().then((result) => ({ index, result }));
  const pending = new Map(streams.map((_, index) => [index, next(index)]));
  while (pending.size > 0) {
    const { index, result } = await Promise.race(pending.values());
    if (result.done) {
      pending.delete(index);
      continue;
    }
    pending.set(index, next(index));
    yield { ...result.value, nodeId: jobs[index].nodeId ?? "" };
  }
}
