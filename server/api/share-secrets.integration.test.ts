/**
 * What a share link's holder can receive, with real secrets in play: project secrets (Wi-Fi, AWS), a
 * local deployment's per-node MQTT logins, the worker's token, a run's broker login; a real worker builds
 * firmware that carries them. Every share-readable procedure's answer and every job event is scanned
 * for each value. Firmware comes through a link only when the link allows it and the build had no secrets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobKinds } from "../../contracts/jobs";
import { emptySpec } from "../../contracts/spec/schema";
import { lm3sFirmware } from "../../test/fixtures/lm3s-firmware";
import { createOwnedProject, newCaller } from "../../test/support/owners";
import { deployLocally, startTestBroker, testBrokerAccess } from "../../test/support/test-broker";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { exited, startWorkerProcess, waitUntil } from "../../test/support/worker-process";
import type { Caller } from "../auth/resolve-owner";
import type { SwarmBroker } from "../broker/swarm-broker";
import { connectDatabase, type Database } from "../db/connect";
import { openDeploymentSecrets } from "../deploy/deployment-secrets";
import { stopLocalAggregator } from "../deploy/local-aggregators";
import type { Project } from "../generated/prisma/client";
import { saveFirmware } from "../services/firmware/save-firmware";
import { setSecret } from "../services/secrets/set-secret";
import { createShareLink } from "../services/share/create-share-link";
import { startSimulation } from "../services/simulate/start-simulation";
import { appRouter } from "./root";
import { createCallerFactory, type Meta } from "./trpc";
import { sensorNode } from "@/test/support/spec-nodes";

const TOKEN = "share-secrets-worker-token";
const SECRETS = {
  WIFI_PASSWORD: "wifi-Pa55-share-test",
  AWS_ACCESS_KEY_ID: "AKIASHARETEST0000001",
  AWS_SECRET_ACCESS_KEY: "aws-secret-share-test-0123456789abcdef",
};
let db: Database;
let dir: string;
let broker: SwarmBroker;
let api: Awaited<ReturnType<typeof serveWorkerApi>>;
let worker: ReturnType<typeof startWorkerProcess>;
let project: Project;
let owner: Caller;
const createCaller = createCallerFactory(appRouter);

const node = sensorNode("probe", { name: "Probe" });
/** Wi-Fi and MQTT passwords in the image's .rodata, behind a branch the compiler cannot drop and QEMU never takes. */
const leakyFirmware = lm3sFirmware(
  'if (*(volatile uint32_t *)0x400FE000 == 0x12345678u) { put("{{WIFI_PASSWORD}}"); put("{{MQTT_PASSWORD}}"); }',
);

const brokerAccess = () => testBrokerAccess(db, broker);
const current = () => db.prisma.project.findUniqueOrThrow({ where: { id: project.id } });

async function finishedBuild(options: { withoutSecrets: boolean; changedOnly?: boolean }): Promise<string> {
  const { buildId } = await createCaller({ prisma: db.prisma, caller: owner }).build.start({
    projectId: project.id,
    generator: "templates",
    ...options,
  });
  await waitUntil(
    "the build to succeed",
    async () => {
      const job = await db.prisma.job.findFirstOrThrow({ where: { buildId } });
      if (job.status === "failed" || job.status === "cancelled") throw new Error(`build ${job.status}: ${job.error}`);
      return job.status === "succeeded";
    },
    180_000,
  );
  return buildId;
}

async function binOf(buildId: string): Promise<Buffer> {
  const artifact = await db.prisma.buildArtifact.findFirstOrThrow({ where: { buildId, kind: "bin" } });
  return Buffer.from((await db.prisma.artifact.findUniqueOrThrow({ where: { sha256: artifact.sha256 } })).data);
}

let withSecrets: string;
let withoutSecrets: string;
let runId: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-share-secrets-"));
  process.env.DATA_DIR = dir;
  db = await connectDatabase({ dataDir: dir });
  broker = await startTestBroker(db);
  api = await serveWorkerApi(db, { token: TOKEN, leaseMs: 10_000 });
  worker = startWorkerProcess(api.url, TOKEN, { DATA_DIR: dir, SANDBOX: "required" });
  owner = await newCaller(db.prisma);
  project = await createOwnedProject(
    db.prisma,
    {
      name: "Secretive",
      spec: {
        ...emptySpec("Secretive"),
        nodes: [node],
        network: { wifi: { ssid: "farm", passwordSecret: "WIFI_PASSWORD" } },
      },
    },
    owner,
  );
  for (const [name, value] of Object.entries(SECRETS)) await setSecret(db.prisma, { project, name, value });
  await deployLocally(db, broker, project);
  await saveFirmware(db.prisma, { project: await current(), nodeId: "probe", files: leakyFirmware });
  withSecrets = await finishedBuild({ withoutSecrets: false });
  // "Rebuild changed" for sharing: the build with secrets of the same input does not count.
  withoutSecrets = await finishedBuild({ withoutSecrets: true, changedOnly: true });
  ({ runId } = await startSimulation(db.prisma, brokerAccess(), { project: await current(), durationMs: 3_000 }));
  await waitUntil(
    "the run to finish",
    async () =>
      ["succeeded", "failed", "cancelled"].includes(
        (await db.prisma.job.findUniqueOrThrow({ where: { id: runId } })).status,
      ),
    120_000,
  );
}, 400_000);

afterAll(async () => {
  worker?.kill("SIGTERM");
  if (worker) await exited(worker);
  if (project) await stopLocalAggregator(project.id);
  await api?.close();
  await broker?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function deployedLogins() {
  const deployment = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } });
  return openDeploymentSecrets(deployment.credentials!);
}

/** Every value a link holder must never see. */
async function secretValues(): Promise<string[]> {
  const logins = await deployedLogins();
  const run = await db.prisma.job.findUniqueOrThrow({ where: { id: runId } });
  const runBroker = jobKinds["simulate-swarm"].payload.parse(run.payload).broker;
  return [
    ...Object.values(SECRETS),
    ...Object.values(logins.nodes).map((login) => login.password),
    logins.aggregator!.password,
    runBroker!.password,
    TOKEN,
  ];
}

describe("a link holder's view of a project with secrets", () => {
  it("the firmware built with secrets carries them, the one built without carries none", async () => {
    const again = createCaller({ prisma: db.prisma, caller: owner }).build.start({
      projectId: project.id,
      changedOnly: true,
      withoutSecrets: true,
    });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT" });
    const values = await secretValues();
    const secretImage = (await binOf(withSecrets)).toString("latin1");
    expect(secretImage).toContain(SECRETS.WIFI_PASSWORD);
    expect(secretImage).toContain((await deployedLogins()).nodes.probe.password);
    const sharedImage = (await binOf(withoutSecrets)).toString("latin1");
    for (const value of values) expect(sharedImage).not.toContain(value);
  });

  it("no answer of any share-readable procedure, and no job event, holds a secret value", async () => {
    const outsider = await newCaller(db.prisma);
    const { token } = await createShareLink(db.prisma, { project, allowFirmware: true });
    const jobs = await db.prisma.job.findMany({ where: { projectId: project.id } });
    expect(jobs.length).toBe(3);
    const buildIds = [withSecrets, withoutSecrets];
    const now = Date.now();
    const inputs: Record<Meta["gate"], object[]> = {
      none: [],
      owner: [],
      project: [{ projectId: project.id }],
      "project-id": [{ id: project.id }],
      build: buildIds.map((buildId) => ({ buildId })),
      job: jobs.map((job) => ({ jobId: job.id })),
      run: [{ runId }],
    };
    const extra: Record<string, object> = {
      "spec.diff": { from: 1 },
      "telemetry.history": {
        nodeId: "probe",
        field: "temperature",
        from: new Date(now - 3_600_000).toISOString(),
        to: new Date(now + 60_000).toISOString(),
      },
      "alerts.list": {},
    };
    const api = createCaller({ prisma: db.prisma, caller: outsider, share: token }) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const received: unknown[] = [];
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta; type: string } }>,
    ).filter(([, p]) => p._def.meta?.share === "read");
    expect(procedures.length).toBeGreaterThan(10);
    for (const [name, procedure] of procedures) {
      const [router, method] = name.split(".");
      for (const input of inputs[procedure._def.meta!.gate]) {
        const answer = await api[router][method]({ ...input, ...extra[name] });
        if (procedure._def.type !== "subscription") {
          received.push([name, answer]);
        } else if (name === "telemetry.stream") {
          // Live only: nothing arrives unless a node publishes; close it.
          await (answer as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
        } else {
          // Job logs of finished jobs: the replay ends by itself.
          for await (const event of answer as AsyncIterable<unknown>) received.push([name, event]);
        }
      }
    }
    const answers = JSON.stringify(received);
    expect(answers).toContain("Probe"); // the scan saw real content
    expect(answers).toContain('"memory"');
    const events = JSON.stringify(
      await db.prisma.jobEvent.findMany({ where: { job: { projectId: project.id } }, orderBy: { seq: "asc" } }),
    );
    expect(events.length).toBeGreaterThan(100);
    for (const value of await secretValues()) {
      expect(answers.includes(value), `an answer holds a secret of ${value.length} characters`).toBe(false);
      expect(events.includes(value), `a job event holds a secret of ${value.length} characters`).toBe(false);
    }
  });
});

describe("firmware through a link", () => {
  async function download(buildId: string, query: string, headers: Record<string, string> = {}) {
    (globalThis as { swarmDb?: Promise<Database> }).swarmDb = Promise.resolve(db);
    const { GET } = await import("@/app/api/builds/[buildId]/[nodeId]/[kind]/route");
    return GET(new Request(`http://app.test/api/builds/${buildId}/probe/bin${query}`, { headers }), {
      params: Promise.resolve({ buildId, nodeId: "probe", kind: "bin" }),
    });
  }

  it("is refused when the link does not allow it, or the build has secrets; served when both allow", async () => {
    const closed = await createShareLink(db.prisma, { project, allowFirmware: false });
    const open = await createShareLink(db.prisma, { project, allowFirmware: true });

    const notAllowed = await download(withoutSecrets, `?share=${closed.token}`);
    expect(notAllowed.status).toBe(403);
    expect((await notAllowed.json()).error).toMatch(/does not allow firmware downloads/);

    const secretBuild = await download(withSecrets, `?share=${open.token}`);
    expect(secretBuild.status).toBe(403);
    const refusal = await secretBuild.text();
    expect(refusal).toMatch(/carries the project's secrets/);
    expect(refusal).not.toContain(SECRETS.WIFI_PASSWORD);

    const served = await download(withoutSecrets, `?share=${open.token}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(await binOf(withoutSecrets));
    const byHeader = await download(withoutSecrets, "", { "x-share-token": open.token });
    expect(byHeader.status).toBe(200);

    expect((await download(withoutSecrets, "")).status).toBe(404);
    expect((await download(withoutSecrets, "?share=not-a-link")).status).toBe(404);
    await createCaller({ prisma: db.prisma, caller: owner }).share.revoke({ projectId: project.id, linkId: open.id });
    const revoked = await download(withoutSecrets, `?share=${open.token}`);
    expect(revoked.status).toBe(403);
    expect((await revoked.json()).error).toBe("This link was revoked by its owner.");
  });
});
