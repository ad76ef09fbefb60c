import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import type { DeployJobResult } from "../../contracts/jobs/deploy";
import type { DeployReport } from "../../contracts/worker-api";
import type { JobContext, JobHandler } from "../queue-client/job-context";
import type { DeployTargetTable } from "./deploy-targets";
import { applyDeployment, destroyDeployment, planDeployment } from "./run-terraform";
import type { ApplyResult, DeployContext, DeploymentInput, DestroyResult, PlanResult } from "./types";

export interface DeployHandlerOptions {
  /** Deployment directories live under here, one per deployment, kept between runs. */
  dataDir: string;
  targets: DeployTargetTable;
  /** Variables the worker's own configuration sets over the app's (a test module's extra inputs). */
  variables?: Record<string, unknown>;
  terraformBinary?: string;
}

const toBytes = (base64: string | null) => (base64 === null ? null : new Uint8Array(Buffer.from(base64, "base64")));
const toBase64 = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString("base64"));

/** The deployment's own directory; every parent searchable by the sandbox's uid (a root worker runs terraform as nobody). */
async function deploymentDir(dataDir: string, deploymentId: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(deploymentId)) throw new Error(`Deployment id ${deploymentId} is not a plain id`);
  await mkdir(dataDir, { recursive: true, mode: 0o711 });
  await chmod(dataDir, 0o711);
  return path.join(dataDir, deploymentId);
}

/** The runner's events as the job's: steps and outputs as they come; the plan once its text is known. */
function deployContext(ctx: JobContext<"deploy">, plan: { summary: string | null }): DeployContext {
  return {
    signal: ctx.signal,
    log: (line) => ctx.log(line),
    emit: (event) => {
      if (event.type === "plan") plan.summary = event.summary;
      else if (event.type === "outputs") ctx.emit("outputs", { outputs: event.outputs });
      else {
        const { type: _type, ...data } = event;
        ctx.emit("step", data);
      }
    },
  };
}

type RunResult = PlanResult | ApplyResult | DestroyResult;

/** The report the app stores: the state after every run, and what the action produced when it succeeded. */
export function reportOf(result: RunResult): DeployReport {
  if (!result.ok) {
    return {
      ok: false,
      state: toBase64(result.state),
      step: result.step,
      error: result.error,
      ...(result.cancelled ? { cancelled: true } : {}),
    };
  }
  const report: DeployReport = { ok: true, state: toBase64(result.state) };
  if ("plan" in result)
    Object.assign(report, { plan: toBase64(result.plan), planText: result.planText, changes: result.changes });
  if ("outputs" in result) Object.assign(report, { outputs: result.outputs });
  return report;
}

/**
 * A `deploy` job: fetches the deployment's credentials, variables, state and plan from the app (the lease holder
 * only), runs terraform plan, apply or destroy in the deployment's directory, and sends the new state back after
 * every run, a failed or cancelled one included. A failed run fails the job with terraform's own (redacted) error.
 */
export function createDeployJobHandler(options: DeployHandlerOptions): JobHandler<"deploy"> {
  return async (ctx) => {
    const { payload } = ctx;
    const target = options.targets[payload.target];
    const config = await ctx.api.deployConfig(ctx.job.id);
    const input: DeploymentInput = {
      target,
      workDir: await deploymentDir(options.dataDir, payload.deploymentId),
      variables: { ...config.variables, ...options.variables },
      credentials: config.credentials,
      state: toBytes(config.state),
      terraformBinary: options.terraformBinary,
    };
    const plan = { summary: null as string | null };
    const deploy = deployContext(ctx, plan);
    let result: RunResult;
    if (payload.action === "plan") result = await planDeployment(deploy, input);
    else if (payload.action === "apply") {
      const saved = toBytes(config.plan);
      if (!saved) throw new Error("The app sent no saved plan to apply: plan the deployment again");
      result = await applyDeployment(deploy, { ...input, plan: saved });
    } else result = await destroyDeployment(deploy, input);

    if (result.ok && "planText" in result) {
      ctx.emit("plan", { changes: result.changes, summary: plan.summary, planText: result.planText });
    }
    // Stored before the job ends: the app keeps the state even when the run failed or was cancelled.
    await ctx.api.reportDeployRun(ctx.job.id, reportOf(result));
    if (!result.ok) throw new Error(`terraform ${result.step} failed: ${result.error}`);
    const answer: DeployJobResult = { action: payload.action };
    if ("changes" in result) answer.changes = result.changes;
    if ("outputs" in result) answer.outputs = result.outputs;
    return answer;
  };
}
