import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { AppError } from "../../contracts/errors";
import { artifactsBody, cacheLookupBody, cacheStoreBody, emptyBody, firmwareBody } from "../../contracts/worker-api";
import { leaseLost } from "../queue/lease";
import { attachArtifacts } from "../services/build/attach-artifacts";
import { lookupCompileCache } from "../services/build/lookup-compile-cache";
import { resolveNodeConfig } from "../services/build/resolve-node-config";
import { saveGeneratedFirmware } from "../services/build/save-generated-firmware";
import { storeCompileCache } from "../services/build/store-compile-cache";
import { parseBody, type Route } from "./parse";

/** The build job this worker holds the lease of, or CONFLICT: only the lease holder reads secrets or writes results. */
async function leasedBuildJob(prisma: PrismaClient, jobId: string, workerId: string) {
  const job = await prisma.job.findFirst({ where: { id: jobId, status: "active", leaseOwner: workerId } });
  if (!job) throw leaseLost(jobId);
  if (!job.projectId || !job.nodeId || !job.buildId)
    throw new AppError("BAD_REQUEST", `Job ${jobId} is not a build job.`);
  return { projectId: job.projectId, nodeId: job.nodeId, buildId: job.buildId };
}

export function buildRoutes(serverUrl: () => string): Record<string, Route> {
  return {
    "jobs.config": async ({ prisma, worker, body, jobId }) => {
      parseBody(emptyBody, body);
      const job = await leasedBuildJob(prisma, jobId, worker.id);
      return resolveNodeConfig(prisma, { ...job, serverUrl: serverUrl() });
    },
    "jobs.firmware": async ({ prisma, worker, body, jobId }) => {
      const input = parseBody(firmwareBody, body);
      const job = await leasedBuildJob(prisma, jobId, worker.id);
      return saveGeneratedFirmware(prisma, { ...job, files: input.files, generator: input.generator });
    },
    "jobs.artifacts": async ({ prisma, worker, body, jobId }) => {
      const input = parseBody(artifactsBody, body);
      const job = await leasedBuildJob(prisma, jobId, worker.id);
      return { artifacts: await attachArtifacts(prisma, { ...job, artifacts: input.artifacts }) };
    },
    "cache.lookup": async ({ prisma, body }) => ({
      hit: await lookupCompileCache(prisma, parseBody(cacheLookupBody, body).key),
    }),
    "cache.store": async ({ prisma, body }) => {
      const { key, artifacts, toolchain, memory } = parseBody(cacheStoreBody, body);
      await storeCompileCache(prisma, { key, artifacts, toolchain, memory: memory as Prisma.InputJsonValue });
    },
  };
}
