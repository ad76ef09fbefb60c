import { AppError } from "../../../contracts/errors";
import { awsOutputsSchema, type DeployPayload } from "../../../contracts/jobs/deploy";
import { readStoredSpec } from "../../../contracts/spec/validate";
import type { DeployReport } from "../../../contracts/worker-api";
import { openDeploymentSecrets, sealDeploymentBytes } from "../../deploy/deployment-secrets";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { statusAfterRun } from "./deploy-status";
import { pushAlertRules } from "./push-alert-rules";

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));
const sealed = (text: string | null) => (text === null ? null : sealDeploymentBytes(fromBase64(text)));

/** How the app retries pushing the rules while a new server boots; tests make it one quick try. */
export interface RulePushPolicy {
  attempts: number;
  delayMs: number;
}
const bootPolicy: RulePushPolicy = { attempts: 40, delayMs: 15_000 };

/**
 * Stores what a deploy run left behind (the lease holder's report): the state (always, a failed or cancelled
 * run's too), the plan awaiting approval, the outputs and the status. After an apply the spec's alert rules go
 * to the new server; a failure there is a warning on the page. Resolves when the rules push has ended.
 */
export async function recordDeployRun(
  prisma: PrismaClient,
  input: { jobId: string; payload: DeployPayload; report: DeployReport; rulePush?: RulePushPolicy },
): Promise<{ pushed: Promise<void> }> {
  const { payload, report } = input;
  const deployment = await prisma.deployment.findUnique({ where: { id: payload.deploymentId } });
  if (!deployment || deployment.jobId !== input.jobId) {
    throw new AppError("CONFLICT", `Job ${input.jobId} is no longer this deployment's current run.`);
  }
  const { status, error } = statusAfterRun(payload.action, report);
  const data: Prisma.DeploymentUpdateInput = { status, error, state: sealed(report.state) };
  if (report.ok && payload.action === "plan") {
    if (!report.plan) throw new AppError("BAD_REQUEST", "A plan report needs the saved plan.");
    Object.assign(data, { plan: sealed(report.plan), planText: report.planText ?? "" });
  } else {
    // An applied, failed or destroyed plan is spent: terraform refuses a stale plan anyway.
    Object.assign(data, { plan: null });
  }
  let outputs: ReturnType<typeof awsOutputsSchema.parse> | null = null;
  if (report.ok && payload.action === "apply") {
    const parsed = awsOutputsSchema.safeParse(report.outputs);
    if (!parsed.success)
      throw new AppError("BAD_REQUEST", `The apply's outputs are incomplete: ${parsed.error.message}`);
    outputs = parsed.data;
    Object.assign(data, { outputs, planText: null });
  }
  if (report.ok && payload.action === "destroy") {
    Object.assign(data, { outputs: Prisma.DbNull, credentials: null, planText: null });
  }
  await prisma.deployment.update({ where: { id: deployment.id }, data });
  if (!outputs || !deployment.credentials) return { pushed: Promise.resolve() };

  const token = openDeploymentSecrets(deployment.credentials).aggregatorToken;
  const project = await prisma.project.findUniqueOrThrow({ where: { id: deployment.projectId } });
  const policy = input.rulePush ?? bootPolicy;
  const pushed = (async () => {
    const warning = token
      ? await pushAlertRules({
          serverUrl: outputs.server_url,
          token,
          swarmId: outputs.swarm_id,
          spec: readStoredSpec(project.spec),
          ...policy,
        })
      : "Deployed, but this deployment has no aggregator token: the alert rules were not sent.";
    // Only if this run is still the deployment's latest: a newer run owns the page now.
    await prisma.deployment.updateMany({ where: { id: deployment.id, jobId: input.jobId }, data: { warning } });
  })().catch((pushError: unknown) => console.error("deploy: alert rules push:", pushError));
  return { pushed };
}
