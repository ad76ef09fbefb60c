import type { SandboxLimits } from "../sandbox/types";

export type TerraformStep = "init" | "plan" | "show" | "apply" | "output" | "destroy";

/** What a deploy run tells the page as it goes; every string in it has been redacted. */
export type DeployEvent =
  | { type: "step"; step: TerraformStep; status: "started" | "succeeded"; durationMs?: number }
  | { type: "step"; step: TerraformStep; status: "failed"; durationMs: number; error: string }
  /** summary is terraform's own "Plan: 1 to add, ..." line, or null when there is nothing to change. */
  | { type: "plan"; changes: boolean; summary: string | null }
  | { type: "outputs"; outputs: Record<string, unknown> };

/** The injected job context: the job kind maps these onto its own events and log. */
export interface DeployContext {
  emit(event: DeployEvent): void;
  log(line: string): void;
  signal: AbortSignal;
}

/** One Terraform module the worker can deploy, and everything that differs between targets, as data. */
export interface TerraformTarget {
  name: string;
  /** Host directory holding the module's *.tf and *.tftpl files; they are copied into each deployment's directory. */
  moduleDir: string;
  /** Whether terraform may reach the network (provider downloads, cloud APIs). Without it the sandbox has loopback only. */
  network: boolean;
  /** Environment variables the caller may pass as credentials; anything else is refused. */
  credentialEnv: readonly string[];
  /** Variables whose values are secrets: they are redacted from every line, event and returned text. */
  sensitiveVariables: readonly string[];
  limits: Partial<SandboxLimits>;
  /** Checks `terraform output -json` values (sensitive outputs already removed) into the target's outputs. */
  parseOutputs(values: Record<string, unknown>): Record<string, unknown>;
}

export interface DeploymentInput {
  target: TerraformTarget;
  /**
   * Host directory of this deployment; created if missing and kept between runs (init cache, saved plan). Its
   * parents must be searchable by uid 65534 (a root worker runs terraform as nobody). One run at a time per directory.
   */
  workDir: string;
  /** Written to terraform.tfvars.json (mode 600). */
  variables: Record<string, unknown>;
  /** Passed to terraform only through its environment (e.g. AWS_ACCESS_KEY_ID); never logged. */
  credentials?: Record<string, string>;
  /** The state the server kept from the last run, restored as terraform.tfstate before this run. */
  state?: Uint8Array | null;
  /** Host path of the terraform binary; by default the one on PATH. */
  terraformBinary?: string;
}

export interface TerraformFailure {
  ok: false;
  step: TerraformStep;
  /** Terraform's own error text (redacted), or which limit ended it. */
  error: string;
  /** The state after the failure: a half-done apply still has resources to track. */
  state: Uint8Array | null;
  /** The context's signal ended the run (terraform was killed): store the state all the same. */
  cancelled?: boolean;
}

export type PlanResult =
  | {
      ok: true;
      changes: boolean;
      /** `terraform show -no-color` of the saved plan, redacted, for the person approving it. */
      planText: string;
      /** The saved plan file. It holds variable values: store it encrypted, like the state. */
      plan: Uint8Array;
      state: Uint8Array | null;
    }
  | TerraformFailure;

export type ApplyResult = { ok: true; outputs: Record<string, unknown>; state: Uint8Array | null } | TerraformFailure;

export type DestroyResult = { ok: true; state: Uint8Array | null } | TerraformFailure;
