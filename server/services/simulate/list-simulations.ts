import type { PrismaClient, Project } from "../../generated/prisma/client";

/** The project's runs, newest first. */
export async function listSimulations(prisma: PrismaClient, project: Project) {
  const jobs = await prisma.job.findMany({
    where: { projectId: project.id, kind: "simulate-swarm" },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, status: true, createdAt: true, finishedAt: true },
  });
  return jobs.map((job) => ({
    runId: job.id,
    status: job.status,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }));
}
