import { chmod, copyFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export const STATE_FILE = "terraform.tfstate";
/** Terraform writes this instead when it could not persist the state after changing resources. */
const ERRORED_STATE_FILE = "errored.tfstate";
export const PLAN_FILE = "tfplan";
export const VARIABLES_FILE = "terraform.tfvars.json";
// The module itself: configuration and the templates it renders. Tests and READMEs stay behind.
const MODULE_FILE = /\.(tf|tf\.json|tftpl)$/;

async function writePrivate(file: string, data: string | Uint8Array): Promise<void> {
  // writeFile's mode applies only to a new file: chmod as well, in case an older copy was more open.
  await writeFile(file, data, { mode: 0o600 });
  await chmod(file, 0o600);
}

/**
 * Makes the deployment's directory ready for a run: the module's current files, the variables (mode 600) and
 * the state the server kept. A state of null keeps whatever state the directory already has.
 */
export async function prepareDeploymentDir(input: {
  workDir: string;
  moduleDir: string;
  variables: Record<string, unknown>;
  state?: Uint8Array | null;
}): Promise<void> {
  if (!path.isAbsolute(input.workDir)) throw new Error(`Deployment workDir must be an absolute path: ${input.workDir}`);
  await mkdir(input.workDir, { recursive: true, mode: 0o700 });
  let names: string[];
  try {
    names = (await readdir(input.moduleDir)).filter((name) => MODULE_FILE.test(name));
  } catch {
    throw new Error(`Terraform module directory ${input.moduleDir} cannot be read`);
  }
  if (!names.some((name) => name.endsWith(".tf") || name.endsWith(".tf.json"))) {
    throw new Error(`Terraform module directory ${input.moduleDir} has no .tf files`);
  }
  for (const name of names) await copyFile(path.join(input.moduleDir, name), path.join(input.workDir, name));
  await writePrivate(path.join(input.workDir, VARIABLES_FILE), `${JSON.stringify(input.variables, null, 2)}\n`);
  if (input.state) {
    await writePrivate(path.join(input.workDir, STATE_FILE), input.state);
    await rm(path.join(input.workDir, ERRORED_STATE_FILE), { force: true });
  }
}

async function readIfPresent(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The state after a run, preferring the one terraform could only save as errored.tfstate (it is the newer). */
export async function readDeploymentState(workDir: string): Promise<Uint8Array | null> {
  const errored = await readIfPresent(path.join(workDir, ERRORED_STATE_FILE));
  if (errored) {
    await writePrivate(path.join(workDir, STATE_FILE), errored);
    await rm(path.join(workDir, ERRORED_STATE_FILE), { force: true });
    return errored;
  }
  return readIfPresent(path.join(workDir, STATE_FILE));
}

export async function readPlanFile(workDir: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path.join(workDir, PLAN_FILE)));
}

export async function restorePlanFile(workDir: string, plan: Uint8Array): Promise<void> {
  await writePrivate(path.join(workDir, PLAN_FILE), plan);
}

export function hasPlanFile(workDir: string): Promise<boolean> {
  return readIfPresent(path.join(workDir, PLAN_FILE)).then((plan) => plan !== null);
}
