import { AppError } from "../../contracts/errors";
import { jobKinds } from "../../contracts/jobs";
import { imageBody } from "../../contracts/worker-api";
import type { PrismaClient } from "../generated/prisma/client";
import { leaseLost } from "../queue/lease";
import { parseBody, type Route } from "./parse";

/** The build whose images a job this worker holds may read: its own build, or the one it simulates. */
async function leasedJobBuild(prisma: PrismaClient, jobId: string, workerId: string): Promise<string> {
  const job = await prisma.job.findFirst({ where: { id: jobId, status: "active", leaseOwner: workerId } });
  if (!job) throw leaseLost(jobId);
  if (job.kind === "build-node" && job.buildId) return job.buildId;
  const simulation = jobKinds["simulate-swarm"].payload.safeParse(job.payload);
  if (job.kind === "simulate-swarm" && simulation.success) return simulation.data.buildId;
  throw new AppError("BAD_REQUEST", `Job ${jobId} reads no firmware images.`);
}

export function imageRoutes(): Record<string, Route> {
  return {
    /** A firmware image of the job's build: only images of that build, only to the lease holder. */
    "jobs.image": async ({ prisma, worker, body, jobId }) => {
      const { sha256 } = parseBody(imageBody, body);
      const buildId = await leasedJobBuild(prisma, jobId, worker.id);
      const owned = await prisma.buildArtifact.findFirst({ where: { buildId, sha256 } });
      if (!owned) throw new AppError("NOT_FOUND", `Build ${buildId} has no image ${sha256}.`);
      const blob = await prisma.artifact.findUniqueOrThrow({ where: { sha256 } });
      return { base64: Buffer.from(blob.data).toString("base64") };
    },
  };
}
