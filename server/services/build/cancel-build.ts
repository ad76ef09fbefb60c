import type { Build, PrismaClient } from "../../generated/prisma/client";
import { cancelJob } from "../../queue/cancel";

/** Cancels every node of the build that has not finished: queued nodes at once, running ones at their next heartbeat. */
export async function cancelBuild(prisma: PrismaClient, build: Build): Promise<{ cancelled: number }> {
  const open = await prisma.job.findMany({
    where: { buildId: build.id, status: { in: ["queued", "active"] } },
    select: { id: true },
  });
  for (const job of open) await cancelJob(prisma, job.id).catch(() => undefined);
  return { cancelled: open.length };
}
