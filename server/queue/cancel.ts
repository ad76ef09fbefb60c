import type { PrismaClient } from "../generated/prisma/client";
import { AppError } from "../../contracts/errors";
import { appendJobEvents } from "./events";
import { isTerminal, type JobStatus } from "./state";

/** Cancels a queued job at once; an active one is asked to stop at its next heartbeat. */
export async function cancelJob(prisma: PrismaClient, jobId: string): Promise<{ status: JobStatus }> {
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { status: true } });
  if (!job) throw new AppError("NOT_FOUND", `No job ${jobId}.`);
  if (isTerminal(job.status)) throw new AppError("CONFLICT", `Job ${jobId} already ${job.status}.`);

  const queued = await prisma.job.updateMany({
    where: { id: jobId, status: "queued" },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (queued.count === 1) {
    await appendJobEvents(prisma, jobId, [{ type: "cancelled", data: { by: "user" } }]);
    return { status: "cancelled" };
  }
  await prisma.job.updateMany({ where: { id: jobId, status: "active" }, data: { cancelRequested: true } });
  await appendJobEvents(prisma, jobId, [{ type: "cancel-requested", data: {} }]);
  return { status: "active" };
}
