import type { PrismaClient } from "../../generated/prisma/client";

export async function listJobs(prisma: PrismaClient, input: { kind?: string; projectId?: string; limit: number }) {
  const jobs = await prisma.job.findMany({
    where: { kind: input.kind, projectId: input.projectId },
    orderBy: { createdAt: "desc" },
    take: input.limit,
    select: { id: true, kind: true, status: true, createdAt: true, finishedAt: true, error: true },
  });
  return jobs.map((job) => ({
    ...job,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }));
}
