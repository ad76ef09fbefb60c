import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const moduleDir = path.dirname(fileURLToPath(import.meta.url));

// TF_CLI_CONFIG_FILE is left out on purpose: this machine points it at a missing file.
export const terraformEnv: Record<string, string> = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: os.tmpdir(),
  CHECKPOINT_DISABLE: "1",
};

/** The variables the module's main.tf passes to the cloud-init template. */
export interface UserDataVars {
  swarm_id: string;
  server_ip: string;
  node_credentials: Record<string, string>;
  aggregator_token: string;
  aggregator_package: string;
  node_version: string;
  auto_destroy_hours: number;
  mqtt_tls_port: number;
  mqtt_wss_port: number;
}

/**
 * The module's cloud-init template rendered by terraform's own templatefile(), in a throwaway module that needs no
 * provider; templatefile() fails on any variable the template uses that is missing. Returns the rendered file's
 * path inside dir. For tests: nothing is printed, as the rendering holds the secrets.
 */
export async function renderUserData(terraform: string, vars: UserDataVars): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "cloud-init-render-"));
  const template = JSON.stringify(path.join(moduleDir, "cloud-init.yaml.tftpl"));
  // JSON is valid HCL for an expression, so the variables go in as written.
  await writeFile(
    path.join(dir, "main.tf"),
    `output "user_data" {\n  sensitive = true\n  value = templatefile(${template}, ${JSON.stringify(vars)})\n}\n`,
  );
  const env = terraformEnv as NodeJS.ProcessEnv;
  const tf = (...args: string[]) => run(terraform, args, { cwd: dir, env });
  await tf("init", "-input=false", "-no-color");
  await tf("apply", "-input=false", "-no-color", "-auto-approve");
  const { stdout } = await tf("output", "-raw", "user_data");
  await writeFile(path.join(dir, "user-data.yaml"), stdout);
  return path.join(dir, "user-data.yaml");
}

/**
 * The content of one write_files entry of the rendered user data: a `|` block (as the template writes configs) or
 * a double-quoted JSON string (as it writes values from variables). Enough YAML for the template's own shapes.
 */
export function writtenFile(userData: string, filePath: string): string {
  const lines = userData.split("\n");
  const start = lines.indexOf(`  - path: ${filePath}`);
  if (start === -1) throw new Error(`The user data writes no ${filePath}`);
  const at = lines.findIndex((line, i) => i > start && line.startsWith("    content: "));
  const value = lines[at].slice("    content: ".length);
  if (value !== "|") return JSON.parse(value) as string;
  const block: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith("      ")) block.push(line.slice(6));
    else if (line.trim() === "") block.push("");
    else break;
  }
  return `${block.join("\n").replace(/\n+$/, "")}\n`;
}
