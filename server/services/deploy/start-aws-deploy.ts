import { AppError } from "../../../contracts/errors";
import { readStoredSpec } from "../../../contracts/spec/validate";
import { openDeploymentSecrets, sealDeploymentSecrets } from "../../deploy/deployment-secrets";
import { retireLocalServer } from "../../deploy/local-aggregators";
import { Prisma, type PrismaClient, type Project } from "../../generated/prisma/client";
import { awsDeploymentSecrets, missingAwsSecretsMessage } from "./aws-settings";
import { assertNoDeployRunning, runDeployJob } from "./run-deploy-job";

/**
 * Starts an AWS deploy: checks the project's AWS secrets, issues the nodes' MQTT logins and enqueues a
 * terraform plan. Nothing is created until the person approves the plan (approveDeploy).
 */
export async function startAwsDeploy(prisma: PrismaClient, project: Project) {
  await assertNoDeployRunning(prisma, project.id);
  const names = await prisma.secret.findMany({ where: { projectId: project.id }, select: { name: true } });
  const missing = missingAwsSecretsMessage(names.map((secret) => secret.name));
  if (missing) throw new AppError("BAD_REQUEST", missing);
  const spec = readStoredSpec(project.spec);
  if (spec.nodes.length === 0) throw new AppError("BAD_REQUEST", "Add nodes in Design before deploying their server.");

  const existing = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  const earlierAws = existing?.target === "aws" ? existing : null;
  if (existing && !earlierAws) {
    // The local server makes way.
    await retireLocalServer(prisma, project.id);
  }
  const previous = earlierAws?.credentials ? openDeploymentSecrets(earlierAws.credentials) : null;
  const logins = awsDeploymentSecrets(
    spec.nodes.map((node) => node.id),
    previous,
  );
  const data = {
    target: "aws",
    status: "planning",
    credentials: sealDeploymentSecrets(logins),
    // An earlier AWS deployment's state (and outputs) stay: the plan starts from what exists.
    state: earlierAws?.state ?? null,
    plan: null,
    planText: null,
    error: null,
    warning: null,
  };
  const deployment = await prisma.deployment.upsert({
    where: { projectId: project.id },
    create: { projectId: project.id, ...data },
    update: { ...data, outputs: earlierAws ? undefined : Prisma.DbNull },
  });
  const { jobId } = await runDeployJob(prisma, {
    projectId: project.id,
    deploymentId: deployment.id,
    action: "plan",
    previousJobId: deployment.jobId,
  });
  return { status: "planning" as const, target: "aws" as const, jobId };
}
