import { existsSync } from "node:fs";
import path from "node:path";
import type { TerraformDeployTarget } from "../../contracts/jobs/deploy";
import { terraformTargets } from "./targets";
import type { TerraformTarget } from "./types";

export type DeployTargetTable = Record<TerraformDeployTarget, TerraformTarget>;

/**
 * The modules this worker deploys. By default the real ones (infra/terraform/*). A worker started with
 * DEPLOY_TERRAFORM_TARGETS_DIR=<dir> uses <dir>/<target> instead where that folder exists, with no network: a
 * test or a dry run on built-in resources. Only the worker's own configuration chooses this, never a job.
 */
export function configuredDeployTargets(env: Record<string, string | undefined> = process.env): DeployTargetTable {
  const dir = env.DEPLOY_TERRAFORM_TARGETS_DIR;
  if (!dir) return terraformTargets;
  const table = { ...terraformTargets };
  for (const name of Object.keys(table) as TerraformDeployTarget[]) {
    const moduleDir = path.resolve(dir, name);
    if (!existsSync(moduleDir)) continue;
    table[name] = { ...table[name], name: `${name} (from ${moduleDir})`, moduleDir, network: false };
  }
  return table;
}

/** Where this worker keeps its deployments' directories (init cache, state, saved plan) between runs. */
export function deployDataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.WORKER_DATA_DIR || path.join(env.DATA_DIR || ".data", "worker"), "deployments");
}
