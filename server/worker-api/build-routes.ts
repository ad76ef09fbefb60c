import { z } from "zod";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { AppError } from "../../contracts/errors";
import { leaseLost } from "../queue/lease";
import { attachArtifacts, artifactUploadSchema } from "../services/build/attach-artifacts";
import { lookupCompileCache } from "../services/build/lookup-compile-cache";
import { resolveNodeConfig } from "../services/build/resolve-node-config";
import { saveGeneratedFirmware } from "../services/build/save-generated-firmware";
import { storeCompileCache } from "../services/build/store-compile-cache";
import { parseBody, type Route } from "./parse";

const workerRef = z.object({ workerId: z.string().min(1).max(80) });
const sha = z.string().regex(/^[0-9a-f]{64}$/);

/** The build job of this worker, or CONFLICT: only the lease holder may read secrets or write results. */
async function ownedBuildJob(prisma: PrismaClient, jobId: string, workerId: string) {
  const job = await prisma.job.findFirst({ where: { id: jobId, status: "active", leaseOwner: workerId } });
  if (!job) throw leaseLost(jobId);
  if (!job.projectId || !job.nodeId || !job.buildId)
    throw new AppError("BAD_REQUEST", `Job ${jobId} is not a build job.`);
  return { projectId: job.projectId, nodeId: job.nodeId, buildId: job.buildId };
}

export function buildRoutes(serverUrl: () => string): Record<string, Route> {
  return {
    "jobs.config": async (prisma, body, jobId) => {
      const job = await ownedBuildJob(prisma, jobId, parseBody(workerRef, body).workerId);
      return resolveNodeConfig(prisma, { ...job, serverUrl: serverUrl() });
    },
    "jobs.firmware": async (prisma, body, jobId) => {
      const input = parseBody(
        workerRef.extend({
          files: z.array(z.object({ path: z.string().min(1).max(200), content: z.string().max(1_000_000) })).max(64),
          generator: z.string().max(120),
        }),
        body,
      );
      const job = await ownedBuildJob(prisma, jobId, input.workerId);
      return saveGeneratedFirmware(prisma, { ...job, files: input.files, generator: input.generator });
    },
    "jobs.artifacts": async (prisma, body, jobId) => {
      const input = parseBody(workerRef.extend({ artifacts: z.array(artifactUploadSchema).max(16) }), body);
      const job = await ownedBuildJob(prisma, jobId, input.workerId);
      return { artifacts: await attachArtifacts(prisma, { ...job, artifacts: input.artifacts }) };
    },
    "cache.lookup": async (prisma, body) => ({
      hit: await lookupCompileCache(prisma, parseBody(workerRef.extend({ key: sha }), body).key),
    }),
    "cache.store": async (prisma, body) => {
      const input = parseBody(
        workerRef.extend({
          key: sha,
          memory: z.json(),
          artifacts: z.record(z.string(), sha),
          toolchain: z.string().max(200),
        }),
        body,
      );
      const { key, artifacts, toolchain } = input;
      await storeCompileCache(prisma, { key, artifacts, toolchain, memory: input.memory as Prisma.InputJsonValue });
    },
  };
}
