import type { NodeBuildResult } from "../../../workers/pipelines/build/payload";
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { reapExpiredLeases } from "../../queue/lease";
import { failUnservableJobs } from "../../queue/unservable";
import { describeWaiting } from "../../queue/waiting";
import { listWorkers } from "../../queue/workers";

type Status = "queued" | "active" | "succeeded" | "failed" | "cancelled";

/** A build's overall status is the worst of its nodes': failed > active/queued > cancelled > succeeded. */
function overall(statuses: Status[]): Status {
  if (statuses.includes("failed")) return "failed";
  if (statuses.includes("active")) return "active";
  if (statuses.includes("queued")) return "queued";
  if (statuses.includes("cancelled")) return "cancelled";
  return "succeeded";
}

export async function getBuild(prisma: PrismaClient, buildId: string) {
  await reapExpiredLeases(prisma);
  await failUnservableJobs(prisma);
  const build = await prisma.build.findUnique({ where: { id: buildId }, include: { jobs: true, artifacts: true } });
  if (!build) throw new AppError("NOT_FOUND", `No build ${buildId}.`);
  const online = (await listWorkers(prisma))
    .filter((worker) => worker.online)
    .map((worker) => ({ capabilities: worker.capabilities.map((cap) => cap.name) }));
  const nodes = build.nodeIds.map((nodeId) => {
    const job = build.jobs.find((candidate) => candidate.nodeId === nodeId)!;
    const result = job.result as NodeBuildResult | null;
    return {
      nodeId,
      jobId: job.id,
      status: job.status as Status,
      waiting: job.status === "queued" ? describeWaiting(job.requires, online) : null,
      iterations: result?.iterations ?? 0,
      memory: result?.memory ?? null,
      cacheHit: result?.cacheHit ?? false,
      generator: result?.generator ?? null,
      usage: result?.usage ?? null,
      error: job.error,
      artifacts: build.artifacts
        .filter((artifact) => artifact.nodeId === nodeId)
        .map(({ kind, name, size, sha256 }) => ({ kind, name, size, sha256 })),
    };
  });
  return {
    id: build.id,
    projectId: build.projectId,
    specRevision: build.specRevision,
    createdAt: build.createdAt.toISOString(),
    status: overall(nodes.map((node) => node.status)),
    nodes,
  };
}
