import type { PrismaClient } from "../generated/prisma/client";
import { appendJobEvents } from "./events";
import { describeWaiting } from "./waiting";
import { listWorkers } from "./workers";

const DEFAULT_GRACE_MS = 60_000;

export function unservableGraceMs(): number {
  const value = Number(process.env.QUEUE_UNSERVABLE_AFTER_MS);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_GRACE_MS;
}

/**
 * Fails queued jobs that no online worker could run for the whole grace period, saying which
 * capability is missing and how to add a worker that has it. Jobs first show the waiting reason,
 * so a worker that is only restarting does not fail a build.
 */
export async function failUnservableJobs(prisma: PrismaClient, graceMs = unservableGraceMs()): Promise<number> {
  const cutoff = new Date(Date.now() - graceMs);
  const stale = await prisma.job.findMany({
    where: { status: "queued", createdAt: { lt: cutoff }, NOT: { requires: { isEmpty: true } } },
    select: { id: true, requires: true },
    take: 200,
  });
  if (stale.length === 0) return 0;
  const online = (await listWorkers(prisma))
    .filter((worker) => worker.online)
    .map((worker) => ({ capabilities: worker.capabilities.map((cap) => cap.name) }));
  let failed = 0;
  for (const job of stale) {
    const waiting = describeWaiting(job.requires, online);
    if (!waiting) continue;
    const error =
      `No online worker can run this: ${waiting.replace(/^waiting: /, "")}. Start a worker on a machine that has ` +
      `${job.requires.join(" and ")} (SERVER_URL=<this app> WORKER_TOKEN=<token> npm run worker), then build again.`;
    const { count } = await prisma.job.updateMany({
      where: { id: job.id, status: "queued" },
      data: { status: "failed", error, finishedAt: new Date() },
    });
    if (count === 0) continue;
    failed += 1;
    await appendJobEvents(prisma, job.id, [{ type: "failed", data: { error } }]);
  }
  return failed;
}
