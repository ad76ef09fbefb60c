import type { Caller } from "../../auth/resolve-owner";
import type { PrismaClient } from "../../generated/prisma/client";
import { enqueueJob } from "../../queue/enqueue";

/** Queues a diagnostics job of the caller: any online worker runs every tool's version command and reports it. */
export async function startDiagnostics(prisma: PrismaClient, caller: Caller): Promise<{ jobId: string }> {
  return enqueueJob(prisma, { kind: "diagnostics", payload: {}, ownerId: caller.ownerId });
}
