/**
 * The AWS deploy path end to end on real parts: the app's services on PGlite, the worker API over HTTP, the worker
 * runtime with its api-client and the deploy handler, the real terraform binary on a terraform_data stand-in of the
 * AWS module (selected by the worker's configuration), and a real aggregator receiving the alert rules.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aggregator, createHttpHandler } from "../../infra/aggregator";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { connectDatabase, type Database } from "../../server/db/connect";
import { openDeploymentBytes, openDeploymentSecrets } from "../../server/deploy/deployment-secrets";
import type { Project } from "../../server/generated/prisma/client";
import { resolveNodeConfig } from "../../server/services/build/resolve-node-config";
import { approveDeploy } from "../../server/services/deploy/approve-deploy";
import { cancelDeploy } from "../../server/services/deploy/cancel-deploy";
import { destroyDeploy } from "../../server/services/deploy/destroy-deploy";
import { getDeploy } from "../../server/services/deploy/get-deploy";
import { runDeployJob } from "../../server/services/deploy/run-deploy-job";
import { startAwsDeploy } from "../../server/services/deploy/start-aws-deploy";
import { setSecret } from "../../server/services/secrets/set-secret";
import { createOwnedProject } from "../../test/support/owners";
import { requiredTool } from "../../test/support/required-tool";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { waitUntil } from "../../test/support/worker-process";
import { WorkerApiClient } from "../queue-client/api-client";
import { WorkerRuntime } from "../queue-client/runtime";
import { configuredDeployTargets } from "./deploy-targets";
import { createDeployJobHandler } from "./handle-deploy-job";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOKEN = "deploy-test-token";
const AWS_KEY_ID = "AKIA7EXAMPLE9KEYID42";
const AWS_SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
const views: unknown[] = [];
/** Every secret the deploys used, to scan what the app and the worker showed for them. */
const knownSecrets = [AWS_KEY_ID, AWS_SECRET];

let db: Database;
let dir: string;
let api: Awaited<ReturnType<typeof serveWorkerApi>>;
let runtime: WorkerRuntime | null = null;
let aggregator: Aggregator | null = null;
/** The project whose server the stand-in aggregator is (its slug names the swarm). */
let served: Project | null = null;
let aggregatorServer: http.Server;
let aggregatorUrl: string;

requiredTool("terraform");

const node = (id: string): SystemSpec["nodes"][number] => ({
  ...{ id, name: id, board: "lm3s6965evb", role: "sensor", behavior: "", sensors: [], actuators: [], expect: [] },
  telemetry: { intervalMs: 2000, fields: ["temperature"] },
  position: { x: 0, y: 0 },
});

/** The worker: the real runtime and api-client, the deploy handler on the stand-in module. */
async function startWorker(variables: Record<string, unknown>) {
  await runtime?.stop(5_000);
  const targets = configuredDeployTargets({ DEPLOY_TERRAFORM_TARGETS_DIR: path.join(here, "testdata/swarm") });
  runtime = new WorkerRuntime(new WorkerApiClient(api.url, TOKEN), {
    name: "deploy-test",
    slots: 1,
    capabilities: [{ name: "terraform", version: "test" }],
    handlers: { deploy: createDeployJobHandler({ dataDir: path.join(dir, "deployments"), targets, variables }) },
    claimWaitMs: 500,
  });
  await runtime.start();
}

const current = (id: string) => db.prisma.project.findUniqueOrThrow({ where: { id } });

async function view(project: Project) {
  const seen = await getDeploy(db.prisma, await current(project.id));
  views.push(seen);
  return seen;
}

const settled = (project: Project, statuses: string[]) =>
  waitUntil(
    `the deployment to become ${statuses.join(" or ")}`,
    async () => {
      const seen = await view(project);
      return statuses.includes(seen.status) && !seen.running && seen;
    },
    120_000,
  );

async function awsProject(name: string) {
  const project = await createOwnedProject(db.prisma, {
    name,
    spec: {
      ...emptySpec(name),
      nodes: [node("n1"), node("n2")],
      rules: [{ when: "temperature > 30", then: "alert" }],
    },
  });
  await setSecret(db.prisma, { project, name: "AWS_ACCESS_KEY_ID", value: AWS_KEY_ID });
  await setSecret(db.prisma, { project, name: "AWS_SECRET_ACCESS_KEY", value: AWS_SECRET });
  return project;
}

async function rememberLogins(project: Project) {
  const row = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
  const logins = openDeploymentSecrets(row.credentials!);
  knownSecrets.push(logins.aggregatorToken!, ...Object.values(logins.nodes).map((login) => login.password));
  return logins;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-deploy-job-"));
  // A root worker runs terraform as "nobody", which must be able to reach the deployment directories.
  chmodSync(dir, 0o711);
  process.env.DATA_DIR = dir; // secrets key file
  db = await connectDatabase({ dataDir: dir });
  api = await serveWorkerApi(db, { token: TOKEN, leaseMs: 10_000 });
  // The deployed aggregator serves the project's swarm with the token generated at deploy time: made on first use.
  let handle: ReturnType<typeof createHttpHandler> | null = null;
  aggregatorServer = http.createServer((req, res) => {
    void (async () => {
      if (!handle) {
        const row = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: served!.id } });
        aggregator = await Aggregator.start({ sql: db.sql, swarmIds: [served!.slug], broker: { kind: "none" } });
        handle = createHttpHandler(aggregator, openDeploymentSecrets(row.credentials!).aggregatorToken!);
      }
      await handle(req, res);
    })();
  });
  await new Promise<void>((resolve) => aggregatorServer.listen(0, "127.0.0.1", resolve));
  aggregatorUrl = `http://127.0.0.1:${(aggregatorServer.address() as AddressInfo).port}`;
  await startWorker({ server_url: aggregatorUrl });
});

afterAll(async () => {
  await runtime?.stop(5_000);
  aggregatorServer?.closeAllConnections();
  await new Promise((resolve) => aggregatorServer?.close(resolve));
  await aggregator?.close();
  await api?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the AWS deploy path through a worker", () => {
  it("refuses to start without the AWS secrets, naming the missing one and where to set it", async () => {
    const project = await createOwnedProject(db.prisma, {
      name: "No keys",
      spec: { ...emptySpec("x"), nodes: [node("n1")] },
    });
    await setSecret(db.prisma, { project, name: "AWS_ACCESS_KEY_ID", value: AWS_KEY_ID });
    await expect(startAwsDeploy(db.prisma, await current(project.id))).rejects.toThrow(
      "AWS deploys need the project secret AWS_SECRET_ACCESS_KEY: set it in the Build stage's Secrets panel",
    );
    expect(await db.prisma.job.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("plans, waits for approval, applies with outputs and rules pushed, then destroys", async () => {
    const project = await awsProject("Greenhouse");
    served = project;
    const started = await startAwsDeploy(db.prisma, await current(project.id));
    expect(started.status).toBe("planning");
    await rememberLogins(project);
    await expect(startAwsDeploy(db.prisma, await current(project.id))).rejects.toThrow(
      /A deploy of this project is already (waiting for a worker|running) \(plan\)/,
    );
    // Two presses at the same moment: the one that read an older job loses, and its job never runs.
    const { id: deploymentId } = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
    await expect(
      runDeployJob(db.prisma, { projectId: project.id, deploymentId, action: "destroy", previousJobId: null }),
    ).rejects.toThrow("Another deploy of this project started at the same moment");
    const loser = await db.prisma.job.findFirstOrThrow({
      where: { projectId: project.id, id: { not: started.jobId } },
    });
    expect(["cancelled", "failed"]).toContain(loser.status);

    const planned = await settled(project, ["awaiting-approval", "failed"]);
    expect(planned.error).toBeNull();
    expect(planned.planText).toContain("# terraform_data.server will be created");
    expect(planned.planText).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
    const planEvent = await db.prisma.jobEvent.findFirstOrThrow({ where: { jobId: started.jobId, type: "plan" } });
    expect(planEvent.data).toMatchObject({ changes: true, summary: "Plan: 2 to add, 0 to change, 0 to destroy." });

    await approveDeploy(db.prisma, await current(project.id));
    const deployed = await settled(project, ["deployed", "failed"]);
    expect(deployed.error).toBeNull();
    expect(deployed.outputs).toEqual({
      server_ip: "127.0.0.1",
      server_url: aggregatorUrl,
      mqtt_host: "127.0.0.1",
      mqtt_port: 8883,
      mqtt_ws_url: "wss://127.0.0.1:8884/mqtt",
      swarm_id: project.slug,
    });
    expect(deployed.needsRebuild).toEqual(["n1", "n2"]);
    const applyLog = await db.prisma.jobEvent.findMany({ where: { jobId: deployed.jobId!, type: "log" } });
    expect(applyLog.map((e) => (e.data as { line: string }).line).join("\n")).toContain("credential check: ••••");

    // The firmware wiring: the node's build placeholders now point at the deployed broker with its own login.
    const row = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
    const logins = openDeploymentSecrets(row.credentials!);
    const config = await resolveNodeConfig(db.prisma, { projectId: project.id, nodeId: "n1", serverUrl: "http://app" });
    expect(config.values).toMatchObject({ MQTT_HOST: "127.0.0.1", MQTT_PORT: "8883", MQTT_USER: "n1" });
    expect(config.values.MQTT_PASSWORD).toBe(logins.nodes.n1.password);

    // The spec's rules reached the aggregator through PUT /api/config with the deployment's token.
    const pushed = await waitUntil(
      "the alert rules to reach the aggregator",
      async () => {
        const rows = await db.sql.query<{ config: { rules: unknown[] } }>(
          "SELECT config FROM aggregator_swarm WHERE swarm_id = $1",
          [project.slug],
        );
        return rows[0]?.config;
      },
      20_000,
    );
    expect(pushed.rules).toEqual([{ when: "temperature > 30", then: "alert" }]);
    expect((await view(project)).warning).toBeNull();

    // The state is stored encrypted: the stored bytes do not show a password, the decrypted ones track the server.
    expect(Buffer.from(row.state!).toString("latin1")).not.toContain(logins.nodes.n1.password);
    expect(Buffer.from(openDeploymentBytes(row.state!)).toString()).toContain('"terraform_data"');

    await destroyDeploy(db.prisma, await current(project.id));
    const destroyed = await settled(project, ["destroyed", "failed"]);
    expect(destroyed.error).toBeNull();
    expect(destroyed.outputs).toBeNull();
    const after = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
    const state = JSON.parse(Buffer.from(openDeploymentBytes(after.state!)).toString()) as { resources: unknown[] };
    expect(state.resources).toEqual([]);
    expect(after.credentials).toBeNull();
  });

  it("a failed apply shows terraform's own error and keeps the state, so Destroy still removes what exists", async () => {
    await startWorker({ server_url: aggregatorUrl, fail_apply: true });
    const project = await awsProject("Flaky");
    await startAwsDeploy(db.prisma, await current(project.id));
    await rememberLogins(project);
    expect((await settled(project, ["awaiting-approval", "failed"])).error).toBeNull();
    await approveDeploy(db.prisma, await current(project.id));
    const failed = await settled(project, ["failed", "deployed"]);
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("Applying failed at terraform apply:");
    expect(failed.error).toContain("Output: aggregator-did-not-start");
    expect(failed.error).toContain("The Terraform state was kept");
    const job = await db.prisma.job.findUniqueOrThrow({ where: { id: failed.jobId! } });
    expect(job.status).toBe("failed");
    const row = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(Buffer.from(openDeploymentBytes(row.state!)).toString()).toContain('"name": "server"');

    await destroyDeploy(db.prisma, await current(project.id));
    expect((await settled(project, ["destroyed", "failed"])).error).toBeNull();
  });

  it("Cancel interrupts terraform mid-apply and the state it left is still saved", async () => {
    await startWorker({ server_url: aggregatorUrl, slow_apply: true });
    const project = await awsProject("Slow");
    await startAwsDeploy(db.prisma, await current(project.id));
    await rememberLogins(project);
    expect((await settled(project, ["awaiting-approval", "failed"])).error).toBeNull();
    const { jobId } = await approveDeploy(db.prisma, await current(project.id));
    await waitUntil(
      "terraform to be in the middle of the apply",
      async () =>
        (await db.prisma.jobEvent.findMany({ where: { jobId, type: "log" } })).some((event) =>
          (event.data as { line: string }).line.endsWith("slow-step-started"),
        ),
      60_000,
    );
    // Another registered worker gets neither the credentials nor a say in the state: the lease holder only.
    const intruder = new WorkerApiClient(api.url, TOKEN);
    await intruder.register({ name: "intruder", slots: 1, capabilities: [], kinds: ["deploy"] });
    await expect(intruder.deployConfig(jobId)).rejects.toMatchObject({ status: 409 });
    await expect(intruder.reportDeployRun(jobId, { ok: true, state: null })).rejects.toMatchObject({ status: 409 });
    await intruder.stop();
    expect(await cancelDeploy(db.prisma, await current(project.id))).toEqual({ status: "active" });
    const cancelled = await settled(project, ["failed", "deployed"]);
    expect(cancelled.error).toMatch(/^Applying was cancelled:\nterraform apply cancelled: job stopped: cancel/);
    expect(cancelled.error).toContain("The Terraform state was kept");
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("cancelled");
    const row = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(Buffer.from(openDeploymentBytes(row.state!)).toString()).toContain('"name": "server"');

    await destroyDeploy(db.prisma, await current(project.id));
    expect((await settled(project, ["destroyed", "failed"])).error).toBeNull();
  });

  it("no secret value appears in any job event, job error or deploy view", async () => {
    expect(knownSecrets.length).toBe(2 + 3 * 3);
    const jobs = await db.prisma.job.findMany({ where: { kind: "deploy" }, include: { events: true } });
    expect(jobs.length).toBe(10);
    const seen = JSON.stringify([views, jobs.map((job) => [job.payload, job.result, job.error, job.events])]);
    expect(seen).toContain("••••");
    for (const secret of knownSecrets) expect(seen).not.toContain(secret);
  });
});
