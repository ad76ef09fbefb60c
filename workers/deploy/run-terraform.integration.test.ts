import { existsSync, writeFileSync } from "node:fs";
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { REDACTED } from "./redact";
import { applyDeployment, destroyDeployment, planDeployment } from "./run-terraform";
import { requiredTool } from "../../test/support/required-tool";
import { sandboxMode } from "../sandbox/mode";
import type { DeployContext, DeployEvent, DeploymentInput, TerraformTarget } from "./types";

const here = path.dirname(fileURLToPath(import.meta.url));
const CREDENTIAL = "cred-7f3a9c2e-do-not-print";
const API_TOKEN = "token-b81d44e0-also-secret";

const localTarget: TerraformTarget = {
  name: "local-test",
  moduleDir: path.join(here, "testdata/local"),
  network: false,
  credentialEnv: ["TF_VAR_echo"],
  sensitiveVariables: ["api_token"],
  limits: { timeMs: 120_000 },
  parseOutputs: (values) => z.object({ server_url: z.string(), echo: z.string() }).parse(values),
};

const lines: string[] = [];
const events: DeployEvent[] = [];
function context(): DeployContext {
  return { emit: (event) => events.push(event), log: (line) => lines.push(line), signal: new AbortController().signal };
}

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function deployment(extra: Partial<DeploymentInput> = {}): Promise<DeploymentInput> {
  const root = await mkdtemp(path.join(os.tmpdir(), "deploy-test-"));
  dirs.push(root);
  // A root worker runs terraform as "nobody", which must be able to reach the deployment directory.
  await chmod(root, 0o711);
  return {
    target: localTarget,
    workDir: path.join(root, "deployment"),
    variables: { greeting: "hello", api_token: API_TOKEN },
    credentials: { TF_VAR_echo: CREDENTIAL },
    ...extra,
  };
}

const stateOf = (bytes: Uint8Array | null) =>
  JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString("utf8")) as {
    resources: { type: string; name: string }[];
  };
const resourceNames = (bytes: Uint8Array | null) => stateOf(bytes).resources.map((r) => `${r.type}.${r.name}`);

requiredTool("terraform");

describe("the terraform runner on a terraform_data module", () => {
  let state: Uint8Array | null = null;
  const timings: Record<string, number> = {};
  const timed = (event: DeployEvent) => {
    if (event.type === "step" && event.status !== "started") timings[event.step] = event.durationMs ?? 0;
  };

  it("plans without changing anything, writes the variables privately and shows the saved plan", async () => {
    const input = await deployment();
    const plan = await planDeployment(context(), input);
    expect(plan.ok, plan.ok ? "" : plan.error).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes).toBe(true);
    expect(plan.planText).toMatch(/# terraform_data\.server will be created/);
    expect(plan.planText).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(plan.state).toBeNull();
    expect(plan.plan.length).toBeGreaterThan(0);
    expect(events).toContainEqual({
      type: "plan",
      changes: true,
      summary: "Plan: 1 to add, 0 to change, 0 to destroy.",
    });
    expect((await stat(path.join(input.workDir, "terraform.tfvars.json"))).mode & 0o777).toBe(0o600);

    const applied = await applyDeployment(context(), input);
    expect(applied.ok, applied.ok ? "" : applied.error).toBe(true);
    if (!applied.ok) return;
    // The echoed credential is an ordinary output: it comes back, but redacted; the sensitive one not at all.
    expect(applied.outputs).toEqual({ server_url: "http://local.test/hello", echo: REDACTED });
    expect(events).toContainEqual({ type: "outputs", outputs: applied.outputs });
    expect(resourceNames(applied.state)).toEqual(["terraform_data.server"]);
    // terraform ran inside the sandbox: its provisioner could not read the host's /etc/passwd.
    const where = sandboxMode() === "required" ? "host-files-hidden" : "host-files-visible";
    expect(lines).toContain(`terraform_data.server (local-exec): ${where}`);
    state = applied.state;
    for (const event of events) if (event.type === "step") timed(event);
    console.log(`local module: init ${timings.init} ms, plan ${timings.plan} ms, apply ${timings.apply} ms`);
  });

  it("restores the state into a new directory and then plans no changes", async () => {
    const plan = await planDeployment(context(), await deployment({ state }));
    expect(plan.ok && plan.changes).toBe(false);
    expect(plan.ok && plan.planText).toMatch(/No changes\. Your infrastructure matches the configuration\./);
  });

  it("destroys what the restored state tracks", async () => {
    const destroyed = await destroyDeployment(context(), await deployment({ state }));
    expect(destroyed.ok, destroyed.ok ? "" : destroyed.error).toBe(true);
    expect(destroyed.ok && resourceNames(destroyed.state)).toEqual([]);
    expect(lines.some((line) => /Destroy complete! Resources: 1 destroyed\./.test(line))).toBe(true);
  });

  it("keeps the state of a failed apply and returns terraform's own error", async () => {
    const input = await deployment({ variables: { greeting: "hi", api_token: API_TOKEN, fail_apply: true } });
    const plan = await planDeployment(context(), input);
    expect(plan.ok).toBe(true);
    const applied = await applyDeployment(context(), input);
    expect(applied.ok).toBe(false);
    if (applied.ok) return;
    expect(applied.step).toBe("apply");
    expect(applied.error).toMatch(/Error: local-exec provisioner error/);
    expect(applied.error).toContain("exit status 1");
    expect(lines).toContain("terraform_data.flaky[0] (local-exec): the flaky step failed on purpose");
    // The resource created before the failure is tracked; the failed one is tainted, to be replaced next time.
    expect(resourceNames(applied.state)).toContain("terraform_data.server");
    expect(events).toContainEqual(expect.objectContaining({ type: "step", step: "apply", status: "failed" }));
  });

  it("redacts a sensitive value terraform quotes from the variables file when its validation fails", async () => {
    const badToken = "token-quoted-by-terraform!";
    const plan = await planDeployment(
      context(),
      await deployment({ variables: { greeting: "hi", api_token: badToken } }),
    );
    expect(plan).toMatchObject({ ok: false, step: "plan" });
    expect(!plan.ok && plan.error).toContain("api_token must not end with an exclamation mark.");
    expect(!plan.ok && plan.error).toContain(`"api_token": "${REDACTED}"`);
    expect(JSON.stringify({ lines, events, plan })).not.toContain(badToken);
  });

  it("never lets a credential or sensitive variable out, although terraform printed the credential", async () => {
    expect(lines).toContain(`terraform_data.server (local-exec): credential is ${REDACTED}`);
    const everything = JSON.stringify({ lines, events });
    expect(everything).not.toContain(CREDENTIAL);
    expect(everything).not.toContain(API_TOKEN);
  });

  it("gives terraform the host network only for a target that needs it", async () => {
    expect(sandboxMode(), "the network check needs the sandbox (SANDBOX=required, the default)").toBe("required");
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const probe = async (target: TerraformTarget) => {
      const input = await deployment({
        target,
        variables: { greeting: "net", api_token: API_TOKEN, probe_port: port },
      });
      const plan = await planDeployment(context(), input);
      expect(plan.ok).toBe(true);
      const applied = await applyDeployment(context(), input);
      expect(applied.ok, applied.ok ? "" : applied.error).toBe(true);
    };
    try {
      await probe(localTarget);
      expect(lines).toContain("terraform_data.network_probe[0] (local-exec): host-network-unreachable");
      expect(connections).toBe(0);
      await probe({ ...localTarget, network: true });
      expect(lines).toContain("terraform_data.network_probe[0] (local-exec): host-network-reachable");
      expect(connections).toBe(1);
      if (existsSync("/etc/ssl/certs/ca-certificates.crt")) {
        expect(lines).toContain("terraform_data.network_probe[0] (local-exec): ca-bundle-visible");
      }
    } finally {
      server.close();
    }
  });

  it("streams terraform's lines while it runs", async () => {
    const input = await deployment({ variables: { greeting: "live", api_token: API_TOKEN, handshake: true } });
    expect((await planDeployment(context(), input)).ok).toBe(true);
    const ctx = context();
    const live: DeployContext = {
      ...ctx,
      log: (line) => {
        ctx.log(line);
        // The provisioner waits for this file: only a line that arrives during the run can create it in time.
        if (line.endsWith("(local-exec): waiting-for-answer")) writeFileSync(path.join(input.workDir, "answer"), "");
      },
    };
    const applied = await applyDeployment(live, input);
    expect(applied.ok, applied.ok ? "" : applied.error).toBe(true);
    expect(lines).toContain("terraform_data.handshake[0] (local-exec): answered-live");
  });

  it("returns the state a cancelled apply left, and the next run can go on from it", async () => {
    const input = await deployment({ variables: { greeting: "cancel", api_token: API_TOKEN, handshake: true } });
    expect((await planDeployment(context(), input)).ok).toBe(true);
    const controller = new AbortController();
    const ctx = context();
    const cancelling: DeployContext = {
      ...ctx,
      signal: controller.signal,
      log: (line) => {
        ctx.log(line);
        // Cancel while terraform is in the middle of the apply, after terraform_data.server was created.
        if (line.endsWith("(local-exec): waiting-for-answer")) controller.abort(new Error("stopped by the user"));
      },
    };
    const applied = await applyDeployment(cancelling, input);
    expect(applied).toMatchObject({ ok: false, step: "apply", cancelled: true });
    expect(!applied.ok && applied.error).toBe("terraform apply cancelled: stopped by the user");
    expect(resourceNames(applied.state)).toContain("terraform_data.server");
    // The local backend's lock is an flock, released with the killed process: the next run goes on.
    const next = await planDeployment(context(), { ...input, state: applied.state });
    expect(next.ok, next.ok ? "" : next.error).toBe(true);
  });

  it("does not start terraform for a job that is already cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("deploy cancelled by the user"));
    const plan = await planDeployment({ ...context(), signal: controller.signal }, await deployment());
    expect(plan).toMatchObject({ ok: false, step: "init", cancelled: true, state: null });
  });

  it("refuses to apply without a saved plan and names a missing terraform binary", async () => {
    await expect(applyDeployment(context(), await deployment())).rejects.toThrow(/no saved plan to apply/);
    await expect(
      planDeployment(context(), await deployment({ terraformBinary: "/nonexistent/terraform" })),
    ).rejects.toThrow("terraform is not installed on this worker (no file at /nonexistent/terraform)");
  });
});
