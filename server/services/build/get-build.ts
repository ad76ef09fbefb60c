import { jobKinds } from "../../../contracts/jobs";
import type { Build, PrismaClient } from "../../generated/prisma/client";
import type { JobStatus } from "../../queue/state";
import { describeWaiting } from "../../queue/waiting";
import { listWorkers } from "../../queue/workers";

/** A build's overall status is the worst of its nodes': failed > active/queued > cancelled > succeeded. */
function overall(statuses: JobStatus[]): JobStatus {
  if (statuses.includes("failed")) return "failed";
  if (statuses.includes("active")) return "active";
  if (statuses.includes("queued")) return "queued";
  if (statuses.includes("cancelled")) return "cancelled";
  return "succeeded";
}

export async function getBuild(prisma: PrismaClient, build: Build) {
  const [jobs, artifacts] = await Promise.all([
    prisma.job.findMany({ where: { buildId: build.id } }),
    prisma.buildArtifact.findMany({ where: { buildId: build.id } }),
  ]);
  const online = (await listWorkers(prisma))
    .filter((worker) => worker.online)
    .map((worker) => ({ capabilities: worker.capabilities.map((cap) => cap.name) }));
  const nodes = build.nodeIds.map((nodeId) => {
    const job = jobs.find((candidate) => candidate.nodeId === nodeId)!;
    const parsed = job.result === null ? null : jobKinds["build-node"].result.safeParse(job.result);
    const result = parsed?.success ? parsed.data : null;
    return {
      nodeId,
      jobId: job.id,
      status: job.status,
      waiting: job.status === "queued" ? describeWaiting(job.requires, online) : null,
      iterations: result?.iterations ?? 0,
      memory: result?.memory ?? null,
      cacheHit: result?.cacheHit ?? false,
      generator: result?.generator ?? null,
      usage: result?.usage ?? null,
      error: job.error,
      artifacts: artifacts
        .filter((artifact) => artifact.nodeId === nodeId)
        .map(({ kind, name, size, sha256 }) => ({ kind, name, size, sha256 })),
    };
  });
  return {
    id: build.id,
    projectId: build.projectId,
    specRevision: build.specRevision,
    /** Built with empty secrets and logins: a share link that allows firmware may download its images. */
    withoutSecrets: build.withoutSecrets,
    createdAt: build.createdAt.toISOString(),
    status: overall(nodes.map((node) => node.status)),
    nodes,
  };
}
