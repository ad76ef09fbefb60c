import { lookup } from "node:dns/promises";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requiredTool } from "../../test/support/required-tool";
import { planDeployment } from "./run-terraform";
import { awsTarget } from "./targets";
import type { DeployEvent } from "./types";

const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const TOKEN = "aggregator-token-5f0c9e1d2b3a";
const registryReachable = await lookup("registry.terraform.io").then(
  () => true,
  () => false,
);

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true }))));

// Where the registry resolves, init would download the ~700 MB aws provider and plan would call AWS: this test is
// for machines without that access (like the build machines), where it shows the AWS path up to terraform's answer.
requiredTool("terraform");

describe("the AWS target without access to the Terraform registry", () => {
  it("runs init with the host network and returns terraform's own reason, leaking no credential", async () => {
    // The build machines reach only the npm registry and Debian's archive (ENVIRONMENT.md), which is the path
    // this test shows; on a machine that reaches the Terraform registry init would fetch the ~700 MB provider.
    expect(registryReachable, "this test needs a machine without access to registry.terraform.io").toBe(false);
    const root = await mkdtemp(path.join(os.tmpdir(), "deploy-aws-"));
    roots.push(root);
    await chmod(root, 0o711);
    const lines: string[] = [];
    const events: DeployEvent[] = [];
    const input = {
      target: awsTarget,
      workDir: path.join(root, "deployment"),
      variables: {
        ssh_cidr: "203.0.113.7/32",
        swarm_id: "greenhouse",
        node_credentials: { "temp-1": "node-password-123" },
        aggregator_token: TOKEN,
        aggregator_package: "swarm-aggregator@0.1.0",
      },
      credentials: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET_KEY },
    };
    const plan = await planDeployment(
      { emit: (event) => events.push(event), log: (line) => lines.push(line), signal: new AbortController().signal },
      input,
    );
    expect(plan).toMatchObject({ ok: false, step: "init", state: null });
    expect(!plan.ok && plan.error).toMatch(/Error: Failed to query available provider packages/);
    // The name was looked up through the host's resolver, not the sandbox's default of its own empty loopback
    // ([::1]:53): the network namespace and resolv.conf were kept.
    expect(!plan.ok && plan.error).toMatch(/lookup registry\.terraform\.io on (?!\[::1\]:53)\S+:53/);
    const variables = JSON.parse(await readFile(path.join(input.workDir, "terraform.tfvars.json"), "utf8"));
    expect(variables.swarm_id).toBe("greenhouse");
    const everything = JSON.stringify({ lines, events, plan });
    for (const secret of [SECRET_KEY, "AKIAIOSFODNN7EXAMPLE", TOKEN, "node-password-123"]) {
      expect(everything).not.toContain(secret);
    }
  });
});
