import { AppError } from "../../contracts/errors";
import { jobKinds } from "../../contracts/jobs";
import { deployReportBody, emptyBody } from "../../contracts/worker-api";
import type { PrismaClient } from "../generated/prisma/client";
import { leaseLost } from "../queue/lease";
import { recordDeployRun } from "../services/deploy/record-deploy-run";
import { resolveDeployConfig } from "../services/deploy/resolve-deploy-config";
import { parseBody, type Route } from "./parse";

/** The deploy job this worker holds the lease of, or CONFLICT: only the lease holder reads credentials or state. */
async function leasedDeployJob(prisma: PrismaClient, jobId: string, workerId: string) {
  const job = await prisma.job.findFirst({ where: { id: jobId, status: "active", leaseOwner: workerId } });
  if (!job) throw leaseLost(jobId);
  const payload = jobKinds.deploy.payload.safeParse(job.payload);
  if (job.kind !== "deploy" || !payload.success) throw new AppError("BAD_REQUEST", `Job ${jobId} is not a deploy job.`);
  return payload.data;
}

export function deployRoutes(): Record<string, Route> {
  return {
    /** Credentials, variables, the decrypted state and (for apply) the saved plan of the job's deployment. */
    "jobs.deployment": async ({ prisma, worker, body, jobId }) => {
      parseBody(emptyBody, body);
      return resolveDeployConfig(prisma, { jobId, payload: await leasedDeployJob(prisma, jobId, worker.id) });
    },
    /** What the run left behind: stored encrypted before the job completes, failed and cancelled runs included. */
    "jobs.deployrun": async ({ prisma, worker, body, jobId }) => {
      const report = parseBody(deployReportBody, body);
      const payload = await leasedDeployJob(prisma, jobId, worker.id);
      await recordDeployRun(prisma, { jobId, payload, report });
      return { saved: true };
    },
  };
}
