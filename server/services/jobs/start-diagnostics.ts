import type { PrismaClient } from "../../generated/prisma/client";
import { enqueueJob } from "../../queue/enqueue";

/** Queues a diagnostics job: any online worker runs every tool's version command and reports it. */
export async function startDiagnostics(prisma: PrismaClient): Promise<{ jobId: string }> {
  return enqueueJob(prisma, { kind: "diagnostics", payload: {}, requires: [], maxAttempts: 1 });
}
