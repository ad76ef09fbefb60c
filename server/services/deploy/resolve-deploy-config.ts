import { AppError } from "../../../contracts/errors";
import type { DeployPayload } from "../../../contracts/jobs/deploy";
import type { DeployConfig } from "../../../contracts/worker-api";
import { openDeploymentBytes, openDeploymentSecrets } from "../../deploy/deployment-secrets";
import type { PrismaClient } from "../../generated/prisma/client";
import { decryptSecret } from "../../secrets/crypto";
import { awsRunConfig } from "./aws-settings";

const toBase64 = (blob: Uint8Array | null) => (blob ? Buffer.from(openDeploymentBytes(blob)).toString("base64") : null);

/**
 * Everything a deploy job's terraform run needs, secrets included: only ever answered to the lease holder of
 * that job (server/worker-api/deploy-routes.ts checks the lease), never to the browser.
 */
export async function resolveDeployConfig(
  prisma: PrismaClient,
  input: { jobId: string; payload: DeployPayload },
): Promise<DeployConfig> {
  const { payload } = input;
  const deployment = await prisma.deployment.findUnique({
    where: { id: payload.deploymentId },
    include: { project: { include: { secrets: true } } },
  });
  if (!deployment || deployment.projectId !== payload.projectId || deployment.target !== payload.target) {
    throw new AppError("NOT_FOUND", `Deployment ${payload.deploymentId} of this job no longer exists.`);
  }
  if (deployment.jobId !== input.jobId) {
    throw new AppError("CONFLICT", `Job ${input.jobId} is no longer this deployment's current run.`);
  }
  if (!deployment.credentials) throw new AppError("CONFLICT", "This deployment has no node logins: start it again.");
  if (payload.action === "apply" && !deployment.plan) {
    throw new AppError("CONFLICT", "This deployment has no saved plan to apply: plan it again.");
  }
  const secrets = Object.fromEntries(deployment.project.secrets.map((s) => [s.name, decryptSecret(s.ciphertext)]));
  const { credentials, variables } = awsRunConfig({
    secrets,
    swarmId: deployment.project.slug,
    logins: openDeploymentSecrets(deployment.credentials),
    aggregatorPackage: process.env.AGGREGATOR_PACKAGE,
  });
  return {
    credentials,
    variables,
    state: toBase64(deployment.state),
    plan: payload.action === "apply" ? toBase64(deployment.plan) : null,
  };
}
