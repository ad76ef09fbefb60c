/**
 * The swarm run end to end: a real worker process builds ten nodes with the real compilers, then runs
 * them all at once in QEMU (sandboxed) through the simulate-swarm job, bridged to the embedded broker,
 * while an ordinary MQTT client listens on the swarm's topics.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { startTestBroker, testBrokerAccess } from "../../test/support/test-broker";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { issueBrokerCredential } from "../../server/broker/credentials";
import type { SwarmBroker } from "../../server/broker/swarm-broker";
import { connectDatabase, type Database } from "../../server/db/connect";
import type { Project } from "../../server/generated/prisma/client";
import { startBuild } from "../../server/services/build/start-build";
import { saveFirmware } from "../../server/services/firmware/save-firmware";
import { lm3sFirmware } from "../../test/fixtures/lm3s-firmware";
import { getSimulation } from "../../server/services/simulate/get-simulation";
import { sendCommand } from "../../server/services/simulate/send-command";
import { startSimulation } from "../../server/services/simulate/start-simulation";
import { createOwnedProject } from "../../test/support/owners";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { exited, startWorkerProcess, waitUntil } from "../../test/support/worker-process";

const TOKEN = "swarm-test-token";
let db: Database;
let dir: string;
let broker: SwarmBroker;
let api: Awaited<ReturnType<typeof serveWorkerApi>>;
let worker: ReturnType<typeof startWorkerProcess>;

const boards = ["lm3s6965evb", "netduino-plus-2", "stm32vldiscovery", "lm3s811evb", "arduino-uno"];
const node = (id: string, board: string, index: number): SystemSpec["nodes"][number] => ({
  id,
  name: id,
  board,
  role: "sensor",
  behavior: "Report the temperature every second.",
  sensors: [{ id: "temp", type: "temperature", unit: "C" }],
  actuators: [],
  telemetry: { intervalMs: 1000, fields: ["temperature"] },
  expect: ["@t temperature"],
  position: { x: index * 200, y: 0 },
});

const brokerAccess = () => testBrokerAccess(db, broker);

async function builtProject(nodes: SystemSpec["nodes"]): Promise<Project> {
  const project = await createOwnedProject(db.prisma, { name: "Swarm", spec: { ...emptySpec("Swarm"), nodes } });
  const { buildId } = await startBuild(db.prisma, { project, generator: "templates" });
  const jobs = await waitUntil(
    "the build",
    async () => {
      const rows = await db.prisma.job.findMany({ where: { buildId } });
      return rows.every((job) => ["succeeded", "failed"].includes(job.status)) && rows;
    },
    240_000,
  );
  for (const job of jobs) expect([job.nodeId, job.status, job.error]).toEqual([job.nodeId, "succeeded", null]);
  expect(jobs).toHaveLength(nodes.length);
  return project;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-sim-"));
  process.env.DATA_DIR = dir;
  db = await connectDatabase({ dataDir: dir });
  broker = await startTestBroker(db);
  api = await serveWorkerApi(db, { token: TOKEN, leaseMs: 10_000 });
  worker = startWorkerProcess(api.url, TOKEN, { DATA_DIR: dir, ANTHROPIC_API_KEY: "", WORKER_SLOTS: "2" });
});

afterAll(async () => {
  worker?.kill("SIGTERM");
  if (worker) await exited(worker);
  await api?.close();
  await broker?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a simulated swarm", () => {
  it(
    "runs ten nodes at once and an MQTT subscriber receives every node's telemetry",
    { timeout: 400_000 },
    async () => {
      const nodes = Array.from({ length: 10 }, (_, i) => node(`node-${i}`, boards[i % boards.length], i));
      const project = await builtProject(nodes);

      const listener = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
        ...(await issueBrokerCredential(db.prisma, { projectId: project.id, role: "bridge" })),
        reconnectPeriod: 0,
      });
      const heard = new Map<string, number>();
      listener.on("message", (topic, payload) => {
        const match = /nodes\/([^/]+)\/telemetry$/.exec(topic);
        if (match && "temperature" in JSON.parse(payload.toString()))
          heard.set(match[1], (heard.get(match[1]) ?? 0) + 1);
      });
      await listener.subscribeAsync(`swarm/${project.slug}/#`, { qos: 1 });

      const { runId } = await startSimulation(db.prisma, brokerAccess(), { project, durationMs: 8_000 });
      const run = await waitUntil(
        "the run to finish",
        async () => {
          const job = await db.prisma.job.findUniqueOrThrow({ where: { id: runId } });
          return ["succeeded", "failed", "cancelled"].includes(job.status) && job;
        },
        180_000,
      );
      await listener.endAsync();
      const view = await getSimulation(db.prisma, run);
      expect(run.error).toBeNull();
      expect(view.nodes.map((n) => [n.nodeId, n.status])).toEqual(nodes.map((n) => [n.id, "passed"]));
      for (const n of view.nodes) {
        expect(n.checks).toEqual([expect.objectContaining({ item: "@t temperature", passed: true })]);
        expect(n.console).toMatch(/^@t \{.*"temperature"/m);
      }
      expect([...heard.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
    },
  );

  it("delivers a command to a node's UART and refuses one for a run that is over", { timeout: 200_000 }, async () => {
    const project = await builtProject([node("probe", "lm3s6965evb", 0)]);
    const { runId } = await startSimulation(db.prisma, brokerAccess(), { project, durationMs: 6_000 });
    await waitUntil("the node to run", async () =>
      (await db.prisma.jobEvent.findFirst({ where: { jobId: runId, type: "console" } })) ? true : undefined,
    );
    const job = await db.prisma.job.findUniqueOrThrow({ where: { id: runId } });
    await sendCommand(brokerAccess(), { project, job, nodeId: "probe", command: "fan on" });
    const delivered = await waitUntil("the command on the bridge", async () =>
      db.prisma.jobEvent.findFirst({
        where: { jobId: runId, type: "mqtt", nodeId: "probe", data: { path: ["direction"], equals: "command" } },
      }),
    );
    expect(delivered?.data).toEqual({
      direction: "command",
      topic: `swarm/${project.slug}/nodes/probe/command`,
      payload: "fan on",
    });
    const finished = await waitUntil(
      "the run to end",
      async () => {
        const row = await db.prisma.job.findUniqueOrThrow({ where: { id: runId } });
        return row.status !== "active" && row.status !== "queued" && row;
      },
      60_000,
    );
    await expect(
      sendCommand(brokerAccess(), { project, job: finished, nodeId: "probe", command: "x" }),
    ).rejects.toThrow("not running");
  });

  it(
    "runs each node's expectations in its emulator after the build, and a failing one fails the build",
    { timeout: 300_000 },
    async () => {
      const good = node("good", "lm3s6965evb", 0);
      const bad = { ...node("bad", "lm3s6965evb", 1), expect: ["@t pressure"] };
      const project = await createOwnedProject(db.prisma, {
        name: "Checked",
        spec: { ...emptySpec("Checked"), nodes: [good, bad] },
      });
      const { buildId } = await startBuild(db.prisma, { project, generator: "templates" });
      const jobs = await waitUntil(
        "the build",
        async () => {
          const rows = await db.prisma.job.findMany({ where: { buildId }, include: { events: true } });
          return rows.every((job) => ["succeeded", "failed"].includes(job.status)) && rows;
        },
        240_000,
      );
      const byNode = new Map(jobs.map((job) => [job.nodeId, job]));
      expect(byNode.get("good")?.status).toBe("succeeded");
      expect(byNode.get("good")?.result).toMatchObject({
        checks: [expect.objectContaining({ item: "@t temperature", passed: true })],
      });
      const failed = byNode.get("bad")!;
      expect(failed.status).toBe("failed");
      expect(failed.error).toContain('expected "@t pressure"');
      const testSteps = failed.events.filter((e) => e.type === "step" && (e.data as { step?: string }).step === "test");
      expect(testSteps.map((e) => (e.data as { status: string }).status)).toContain("failed");
    },
  );

  it("ends a node rewritten to spin forever red as timeout while the other passes", { timeout: 300_000 }, async () => {
    const project = await createOwnedProject(db.prisma, {
      name: "Spinner",
      // The spinner has no expectations, so its build's check run does not stop it before the swarm run.
      spec: {
        ...emptySpec("Spinner"),
        nodes: [node("fine", "lm3s6965evb", 0), { ...node("spinner", "lm3s6965evb", 1), expect: [] }],
      },
    });
    await saveFirmware(db.prisma, { project, nodeId: "spinner", files: lm3sFirmware("for (;;) {\n  }") });
    const current = await db.prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    const { buildId } = await startBuild(db.prisma, { project: current, generator: "templates" });
    await waitUntil(
      "the build",
      async () => {
        const rows = await db.prisma.job.findMany({ where: { buildId } });
        return rows.every((job) => job.status === "succeeded") && rows;
      },
      240_000,
    );
    const { runId } = await startSimulation(db.prisma, brokerAccess(), { project: current, durationMs: 8_000 });
    const run = await waitUntil(
      "the run",
      async () => {
        const job = await db.prisma.job.findUniqueOrThrow({ where: { id: runId } });
        return ["succeeded", "failed", "cancelled"].includes(job.status) && job;
      },
      120_000,
    );
    const view = await getSimulation(db.prisma, run);
    const byNode = Object.fromEntries(view.nodes.map((n) => [n.nodeId, n]));
    expect(byNode.fine).toMatchObject({ status: "passed" });
    expect(byNode.spinner).toMatchObject({ status: "failed", reason: "timeout" });
    expect(byNode.spinner.detail).toContain("no output");
  });
});
