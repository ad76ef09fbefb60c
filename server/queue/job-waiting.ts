import type { PrismaClient } from "../generated/prisma/client";
import { describeWaiting } from "./waiting";
import { listWorkers } from "./workers";

/** Why a queued job is not running yet ("waiting: no worker with avr-gcc online"), or null. */
export async function jobWaitingReason(
  prisma: PrismaClient,
  job: { status: string; requires: string[] },
): Promise<string | null> {
  if (job.status !== "queued") return null;
  const online = (await listWorkers(prisma))
    .filter((worker) => worker.online)
    .map((worker) => ({ capabilities: worker.capabilities.map((cap) => cap.name) }));
  return describeWaiting(job.requires, online);
}
