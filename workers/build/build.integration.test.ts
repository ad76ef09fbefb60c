import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../../server/db/connect";
import { getBuild } from "../../server/services/build/get-build";
import { startBuild } from "../../server/services/build/start-build";
import { saveFirmware } from "../../server/services/firmware/save-firmware";
import { createOwnedProject } from "../../test/support/owners";
import { setSecret } from "../../server/services/secrets/set-secret";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { startFakeAnthropic } from "../../test/support/fake-anthropic";
import { lm3sFirmware } from "../../test/fixtures/lm3s-firmware";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { exited, startWorkerProcess, waitUntil } from "../../test/support/worker-process";
import { createTemplateGenerator } from "../codegen/templates";
import { getBoard } from "../../boards";

const TOKEN = "build-test-token";
const SECRET = "s3cr3t-Wifi-Pa55";
let db: Database;
let dir: string;
let api: Awaited<ReturnType<typeof serveWorkerApi>>;
let fake: Awaited<ReturnType<typeof startFakeAnthropic>>;
let worker: ReturnType<typeof startWorkerProcess>;
const claudeTurns: unknown[] = [];

const node = (id: string, board: string): SystemSpec["nodes"][number] => ({
  id,
  name: id,
  board,
  role: "sensor",
  behavior: "Measure temperature and humidity every second.",
  sensors: [
    { id: "temp", type: "temperature", unit: "C" },
    { id: "hum", type: "humidity", unit: "%" },
  ],
  actuators: [],
  telemetry: { intervalMs: 1000, fields: ["temperature", "humidity"] },
  expect: [],
  position: { x: 0, y: 0 },
});

async function project(nodes: SystemSpec["nodes"], extra: Partial<SystemSpec> = {}) {
  return createOwnedProject(db.prisma, { name: "Build test", spec: { ...emptySpec("Build test"), nodes, ...extra } });
}

/** The project as the ownership gate hands it to services: the current row. */
const current = (id: string) => db.prisma.project.findUniqueOrThrow({ where: { id } });

async function finishedBuild(buildId: string) {
  return waitUntil(
    "the build to finish",
    async () => {
      const build = await getBuild(db.prisma, await db.prisma.build.findUniqueOrThrow({ where: { id: buildId } }));
      return ["succeeded", "failed", "cancelled"].includes(build.status) && build;
    },
    120_000,
  );
}

async function eventsText(buildId: string) {
  const jobs = await db.prisma.job.findMany({ where: { buildId }, include: { events: true } });
  return JSON.stringify(jobs.map((job) => [job.error, job.result, job.events.map((e) => e.data)]));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-build-"));
  process.env.DATA_DIR = dir; // secrets key file
  db = await connectDatabase({ dataDir: dir });
  api = await serveWorkerApi(db, { token: TOKEN, leaseMs: 10_000 });
  fake = await startFakeAnthropic((_request, index) => claudeTurns[index] as never);
  worker = startWorkerProcess(api.url, TOKEN, {
    DATA_DIR: dir,
    ANTHROPIC_API_KEY: "sk-test-key",
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_MAX_RETRIES: "0",
    SANDBOX: "required",
  });
});

afterAll(async () => {
  worker?.kill("SIGTERM");
  if (worker) await exited(worker);
  await fake?.close();
  await api?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("build pipeline", () => {
  it("builds a Cortex-M3, a Cortex-M4 and an AVR node that fit, then rebuilds them from the cache", async () => {
    const { id } = await project([
      node("m3", "lm3s6965evb"),
      node("m4", "netduino-plus-2"),
      node("avr", "arduino-uno"),
    ]);
    const { buildId } = await startBuild(db.prisma, { project: await current(id), generator: "templates" });
    const build = await finishedBuild(buildId);
    expect(build.nodes.map((n) => [n.nodeId, n.status, n.error])).toEqual([
      ["m3", "succeeded", null],
      ["m4", "succeeded", null],
      ["avr", "succeeded", null],
    ]);
    for (const built of build.nodes) {
      const memory = built.memory as { flash: number; ram: number; flashBudget: number; ramBudget: number };
      expect(memory.flash).toBeGreaterThan(0);
      expect(memory.flash).toBeLessThanOrEqual(memory.flashBudget);
      expect(memory.ram).toBeLessThanOrEqual(memory.ramBudget);
      expect(built.artifacts.map((a) => a.kind).sort()).toEqual(["bin", "elf", "hex"]);
      expect(built.cacheHit).toBe(false);
    }
    const elf = await db.prisma.artifact.findUniqueOrThrow({
      where: { sha256: build.nodes[0].artifacts.find((a) => a.kind === "elf")!.sha256 },
    });
    expect(Buffer.from(elf.data).subarray(0, 4).toString("latin1")).toBe("\x7fELF");

    const again = await finishedBuild(
      (await startBuild(db.prisma, { project: await current(id), generator: "templates" })).buildId,
    );
    expect(again.nodes.map((n) => [n.status, n.cacheHit])).toEqual([
      ["succeeded", true],
      ["succeeded", true],
      ["succeeded", true],
    ]);
    await expect(startBuild(db.prisma, { project: await current(id), changedOnly: true })).rejects.toThrow(
      "Nothing changed",
    );
  });

  it("fails a firmware that does not fit with the overflow figures", async () => {
    const { id } = await project([node("big", "lm3s6965evb")]);
    const files = lm3sFirmware(
      "volatile unsigned i = 1234; volatile uint8_t x = table[i]; (void)x;",
      "const uint8_t table[300000] = {1};",
    );
    await saveFirmware(db.prisma, { project: await current(id), nodeId: "big", files });
    const build = await finishedBuild((await startBuild(db.prisma, { project: await current(id) })).buildId);
    expect(build.nodes[0].status).toBe("failed");
    expect(build.nodes[0].error).toMatch(/flash [\d,]+ \/ 262,144 bytes|FLASH' overflowed/);
  });

  it("refuses user source that reads a host file, without showing the file", async () => {
    const hostname = readFileSync("/etc/hostname", "utf8").trim();
    const { id } = await project([node("spy", "lm3s6965evb")]);
    const files = lm3sFirmware("", "#define P(x) #x\n#include P(/etc/hostname)");
    await saveFirmware(db.prisma, { project: await current(id), nodeId: "spy", files });
    const build = await finishedBuild((await startBuild(db.prisma, { project: await current(id) })).buildId);
    expect(build.nodes[0].status).toBe("failed");
    expect(build.nodes[0].artifacts).toEqual([]);
    expect(build.nodes[0].error).toMatch(/not allowed|No such file|not found/);
    // Only meaningful when the host name is not a common substring (it is "vm" on some machines).
    if (hostname.length >= 6) expect(await eventsText(build.id)).not.toContain(hostname);
  });

  it("never lets an injected secret reach events or errors, even when the compiler prints it", async () => {
    const { id } = await project([node("leaky", "lm3s6965evb")], {
      network: { wifi: { ssid: "farm", passwordSecret: "WIFI_PASSWORD" } },
    });
    await setSecret(db.prisma, { project: await current(id), name: "WIFI_PASSWORD", value: SECRET });
    await saveFirmware(db.prisma, {
      project: await current(id),
      nodeId: "leaky",
      files: lm3sFirmware("", '#error "{{WIFI_PASSWORD}}"'),
    });
    const build = await finishedBuild((await startBuild(db.prisma, { project: await current(id) })).buildId);
    expect(build.nodes[0].status).toBe("failed");
    const text = await eventsText(build.id);
    expect(text).toContain("••••");
    expect(text).not.toContain(SECRET);
  });

  it("stops before compiling when a value the firmware needs is not configured", async () => {
    const { id } = await project([node("nowifi", "lm3s6965evb")]);
    await saveFirmware(db.prisma, {
      project: await current(id),
      nodeId: "nowifi",
      files: lm3sFirmware('const char *pw = "{{WIFI_PASSWORD}}"; (void)pw;'),
    });
    const build = await finishedBuild((await startBuild(db.prisma, { project: await current(id) })).buildId);
    expect(build.nodes[0].error).toContain("{{WIFI_PASSWORD}}");
    expect(await eventsText(build.id)).not.toContain('"step":"compile"');
  });

  it("feeds Claude the real compiler error and succeeds on iteration 2", async () => {
    const spec = { ...emptySpec("Claude"), nodes: [node("claude", "lm3s6965evb")] };
    const good = (
      await createTemplateGenerator().generate({
        spec,
        node: spec.nodes[0],
        board: getBoard("lm3s6965evb")!,
        iteration: 1,
      })
    ).files;
    const broken = good.map((f) =>
      f.path === "main.c"
        ? { ...f, content: `${f.content}\nint broken(void) { return undeclared_sensor_value; }\n` }
        : f,
    );
    claudeTurns.length = 0;
    claudeTurns.push({ files: broken }, { files: good });
    fake.requests.length = 0;
    const { id } = await project(spec.nodes);
    const build = await finishedBuild(
      (await startBuild(db.prisma, { project: await current(id), generator: "anthropic" })).buildId,
    );
    expect(build.nodes[0]).toMatchObject({
      status: "succeeded",
      iterations: 2,
      generator: expect.stringContaining("anthropic"),
    });
    expect(fake.requests).toHaveLength(2);
    expect(JSON.stringify(fake.requests[1].body)).toContain("undeclared_sensor_value");
    expect(JSON.stringify(fake.requests[0].body)).not.toContain("undeclared_sensor_value");
    expect(build.nodes[0].usage).toMatchObject({ inputTokens: expect.any(Number) });
  });

  it("fails after the last iteration with the last error when Claude answers garbage", async () => {
    claudeTurns.length = 0;
    claudeTurns.push({ text: "Sure! Here is some code." }, { text: "I cannot." }, { text: "No." });
    fake.requests.length = 0;
    const { id } = await project([node("garbage", "lm3s6965evb")]);
    const build = await finishedBuild(
      (await startBuild(db.prisma, { project: await current(id), generator: "anthropic" })).buildId,
    );
    expect(build.nodes[0].status).toBe("failed");
    expect(build.nodes[0].error).toContain("write_firmware");
  });
});
