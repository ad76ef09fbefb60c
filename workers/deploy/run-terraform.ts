import { createRedactor, redactDeep } from "./redact";
import { resolveTerraformBinary, runTerraformProcess, type TerraformEnd } from "./terraform-process";
import type {
  ApplyResult,
  DeployContext,
  DeploymentInput,
  DestroyResult,
  PlanResult,
  TerraformFailure,
  TerraformStep,
} from "./types";
import {
  PLAN_FILE,
  hasPlanFile,
  prepareDeploymentDir,
  readDeploymentState,
  readPlanFile,
  restorePlanFile,
} from "./workdir";

// Every run: no prompts, no colour codes in the log, no calls home, and automation-friendly wording.
const COMMON_ENV = { TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_INPUT: "0" };
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Session {
  ctx: DeployContext;
  input: DeploymentInput;
  binary: string;
  env: Record<string, string>;
  redact: (text: string) => string;
}

async function openSession(ctx: DeployContext, input: DeploymentInput): Promise<Session> {
  const credentials = input.credentials ?? {};
  for (const name of Object.keys(credentials)) {
    if (!ENV_NAME.test(name) || !input.target.credentialEnv.includes(name)) {
      throw new Error(
        `Credential ${name} is not one the ${input.target.name} target takes (${input.target.credentialEnv.join(", ") || "none"})`,
      );
    }
  }
  const binary = resolveTerraformBinary(input.terraformBinary);
  const sensitive = input.target.sensitiveVariables.map((name) => input.variables[name]);
  const redact = createRedactor([...Object.values(credentials), ...sensitive]);
  await prepareDeploymentDir({
    workDir: input.workDir,
    moduleDir: input.target.moduleDir,
    variables: input.variables,
    state: input.state,
  });
  return { ctx, input, binary, env: { ...credentials, ...COMMON_ENV }, redact };
}

/** Terraform's own words for a failed run: its error blocks (stderr), else the end of what it printed. */
function errorText(end: TerraformEnd): string {
  if (end.limitHit) return `terraform stopped: ${end.limitHit}`;
  const text = end.stderr.trim() || end.stdout.trim().split("\n").slice(-20).join("\n");
  return text || `terraform exited with status ${end.exitCode}`;
}

type StepOutcome = { ok: true; end: TerraformEnd } | { ok: false; failure: Omit<TerraformFailure, "state"> };

/** Runs one terraform command as a step: events around it, every output line redacted into the log. */
async function step(
  session: Session,
  name: TerraformStep,
  args: string[],
  opts: { okExitCodes?: number[]; quiet?: boolean } = {},
): Promise<StepOutcome> {
  const { ctx, input, redact } = session;
  ctx.emit({ type: "step", step: name, status: "started" });
  const log = (line: string) => {
    if (line.trim()) ctx.log(redact(line));
  };
  const started = performance.now();
  let end: TerraformEnd;
  try {
    end = await runTerraformProcess({
      binary: session.binary,
      args: [...args],
      workDir: input.workDir,
      env: session.env,
      network: input.target.network,
      limits: input.target.limits,
      signal: ctx.signal,
      // Live, line by line, except for commands whose output is the result itself.
      onLine: opts.quiet ? undefined : log,
    });
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    // Cancelled: still a result, so the caller stores whatever state the killed run left behind.
    const reason = ctx.signal.reason instanceof Error ? ctx.signal.reason.message : "the job was cancelled";
    const durationMs = Math.round(performance.now() - started);
    const message = redact(`terraform ${name} cancelled: ${reason}`);
    ctx.emit({ type: "step", step: name, status: "failed", durationMs, error: message });
    return { ok: false, failure: { ok: false, step: name, error: message, cancelled: true } };
  }
  if (opts.quiet) for (const line of end.stderr.split("\n")) log(line);
  const ok = end.limitHit === null && end.exitCode !== null && (opts.okExitCodes ?? [0]).includes(end.exitCode);
  if (ok) {
    ctx.emit({ type: "step", step: name, status: "succeeded", durationMs: end.durationMs });
    return { ok: true, end };
  }
  const error = redact(errorText(end));
  ctx.emit({ type: "step", step: name, status: "failed", durationMs: end.durationMs, error });
  return { ok: false, failure: { ok: false, step: name, error } };
}

async function failed(session: Session, outcome: Extract<StepOutcome, { ok: false }>): Promise<TerraformFailure> {
  return { ...outcome.failure, state: await readDeploymentState(session.input.workDir) };
}

const init = (session: Session) => step(session, "init", ["init", "-input=false", "-no-color"]);

/**
 * init, then plan into a saved plan file and show it. Nothing changes yet: the person approves planText and
 * applyDeployment applies exactly that plan.
 */
export async function planDeployment(ctx: DeployContext, input: DeploymentInput): Promise<PlanResult> {
  const session = await openSession(ctx, input);
  const initialised = await init(session);
  if (!initialised.ok) return failed(session, initialised);
  // -detailed-exitcode: 0 means no changes, 2 means changes, 1 an error.
  const planned = await step(
    session,
    "plan",
    ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${PLAN_FILE}`],
    { okExitCodes: [0, 2] },
  );
  if (!planned.ok) return failed(session, planned);
  const changes = planned.end.exitCode === 2;
  const summary = /^(Plan: .*)$/m.exec(planned.end.stdout)?.[1] ?? null;
  ctx.emit({ type: "plan", changes, summary: summary && session.redact(summary) });
  // The shown plan goes back as the result, not into the log a second time.
  const shown = await step(session, "show", ["show", "-no-color", PLAN_FILE], { quiet: true });
  if (!shown.ok) return failed(session, shown);
  return {
    ok: true,
    changes,
    planText: session.redact(shown.end.stdout),
    plan: await readPlanFile(input.workDir),
    state: await readDeploymentState(input.workDir),
  };
}

/** Applies the plan planDeployment saved (or the one given), then reads the outputs. */
export async function applyDeployment(
  ctx: DeployContext,
  input: DeploymentInput & { plan?: Uint8Array },
): Promise<ApplyResult> {
  const session = await openSession(ctx, input);
  if (input.plan) await restorePlanFile(input.workDir, input.plan);
  else if (!(await hasPlanFile(input.workDir))) {
    throw new Error("There is no saved plan to apply in this deployment: run the plan step and approve it first");
  }
  const initialised = await init(session);
  if (!initialised.ok) return failed(session, initialised);
  const applied = await step(session, "apply", ["apply", "-input=false", "-no-color", PLAN_FILE]);
  if (!applied.ok) return failed(session, applied);
  // output -json prints sensitive outputs in clear: it stays out of the log.
  const output = await step(session, "output", ["output", "-json", "-no-color"], { quiet: true });
  if (!output.ok) return failed(session, output);
  let outputs: Record<string, unknown>;
  try {
    outputs = redactDeep(input.target.parseOutputs(publicOutputs(output.end.stdout)), session.redact);
  } catch (error) {
    const message = session.redact(error instanceof Error ? error.message : String(error));
    return { ok: false, step: "output", error: message, state: await readDeploymentState(input.workDir) };
  }
  ctx.emit({ type: "outputs", outputs });
  return { ok: true, outputs, state: await readDeploymentState(input.workDir) };
}

/** Destroys everything the state tracks. */
export async function destroyDeployment(ctx: DeployContext, input: DeploymentInput): Promise<DestroyResult> {
  const session = await openSession(ctx, input);
  const initialised = await init(session);
  if (!initialised.ok) return failed(session, initialised);
  const destroyed = await step(session, "destroy", ["destroy", "-input=false", "-no-color", "-auto-approve"]);
  if (!destroyed.ok) return failed(session, destroyed);
  return { ok: true, state: await readDeploymentState(input.workDir) };
}

/** `terraform output -json` as name -> value, leaving out outputs marked sensitive. */
export function publicOutputs(json: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error("terraform output -json did not print JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error("terraform output -json did not print an object of outputs");
  }
  const values: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(parsed as Record<string, { sensitive?: boolean; value?: unknown }>)) {
    if (!output || typeof output !== "object" || !("value" in output)) {
      throw new Error(`terraform output ${name} has no value`);
    }
    if (output.sensitive) continue;
    values[name] = output.value;
  }
  return values;
}
