/**
 * bench/build: one node's build time cold and cached against a bare compiler call on the same
 * source, and a 10-node swarm's wall time with one and two worker slots. Run: npm run bench:build
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { getBoard } from "../../boards";
import { connectDatabase, type Database } from "../../server/db/connect";
import { startBuild } from "../../server/services/build/start-build";
import type { Project } from "../../server/generated/prisma/client";
import { createOwnedProject } from "../../test/support/owners";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { exited, startWorkerProcess, waitUntil } from "../../test/support/worker-process";
import { createTemplateGenerator } from "../../workers/codegen/templates";
import { injectConfig } from "../../workers/build/inject-config";
import { toolchainFor } from "../../workers/toolchains";

const run = promisify(execFile);
const TOKEN = "bench-build";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const board = getBoard("lm3s6965evb")!;

function node(id: string, boardId = "lm3s6965evb", x = 0): SystemSpec["nodes"][number] {
  return {
    id,
    name: id,
    board: boardId,
    role: "sensor",
    behavior: "temperature and humidity every second",
    sensors: [
      { id: "temp", type: "temperature" },
      { id: "hum", type: "humidity" },
    ],
    actuators: [],
    telemetry: { intervalMs: 1000, fields: ["temperature", "humidity"] },
    expect: [],
    position: { x, y: 0 },
  };
}

async function bareCompileMs(): Promise<number> {
  const spec = { ...emptySpec("bench"), nodes: [node("bare")] };
  const { files } = await createTemplateGenerator().generate({ spec, node: spec.nodes[0], board, iteration: 1 });
  const injected = injectConfig(files, { SWARM_ID: "bench", NODE_ID: "bare" });
  const dir = mkdtempSync(path.join(tmpdir(), "bench-bare-"));
  try {
    for (const file of injected) writeFileSync(path.join(dir, file.path), file.content);
    const sources = injected.map((f) => f.path).filter((p) => /\.(c|S)$/.test(p));
    const flags = toolchainFor(board)!.flags(board);
    const times = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await run(board.toolchain.compiler, [...flags, ...sources, "-o", "fw.elf"], { cwd: dir });
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time of a build on the database clock: build created -> last node job finished. */
async function buildMs(db: Database, project: Project): Promise<number> {
  // Re-read: the gate hands services the current row.
  const current = await db.prisma.project.findUniqueOrThrow({ where: { id: project.id } });
  const { buildId } = await startBuild(db.prisma, { project: current, generator: "templates" });
  const jobs = await waitUntil(
    "the build",
    async () => {
      const rows = await db.prisma.job.findMany({ where: { buildId } });
      return rows.every((job) => job.status === "succeeded" || job.status === "failed") && rows;
    },
    300_000,
  );
  if (jobs.some((job) => job.status !== "succeeded"))
    throw new Error(`bench build failed: ${jobs.map((j) => j.error).join("; ")}`);
  const build = await db.prisma.build.findUniqueOrThrow({ where: { id: buildId } });
  return Math.max(...jobs.map((job) => job.finishedAt!.getTime())) - build.createdAt.getTime();
}

async function withWorker<T>(db: Database, slots: number, body: () => Promise<T>): Promise<T> {
  const api = await serveWorkerApi(db, { token: TOKEN, leaseMs: 30_000 });
  const worker = startWorkerProcess(api.url, TOKEN, { WORKER_SLOTS: String(slots) });
  try {
    await waitUntil("the worker", async () => (await db.prisma.worker.count({ where: { stoppedAt: null } })) > 0);
    return await body();
  } finally {
    worker.kill("SIGTERM");
    await exited(worker);
    await db.prisma.worker.updateMany({ data: { stoppedAt: new Date() } });
    await api.close();
  }
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-build-"));
  const db = await connectDatabase({ dataDir: dir });
  const bare = await bareCompileMs();
  const { cold, cached } = await withWorker(db, 1, async () => {
    const coldTimes = [];
    const cachedTimes = [];
    for (let i = 0; i < RUNS; i += 1) {
      const project = await createOwnedProject(db.prisma, {
        name: `cold ${i}`,
        spec: { ...emptySpec("bench"), nodes: [node(`n${i}`)] },
      });
      coldTimes.push(await buildMs(db, project));
      cachedTimes.push(await buildMs(db, project));
    }
    return { cold: median(coldTimes), cached: median(cachedTimes) };
  });
  const boards = ["lm3s6965evb", "netduino-plus-2", "arduino-uno", "stm32vldiscovery", "arduino-mega-2560"];
  const swarm = (name: string) => ({
    ...emptySpec(name),
    nodes: Array.from({ length: 10 }, (_, i) => node(`node-${i}`, boards[i % boards.length], i * 10)),
  });
  const swarmMs = async (slots: number) =>
    withWorker(db, slots, async () =>
      buildMs(db, await createOwnedProject(db.prisma, { name: `swarm ${slots}`, spec: swarm(`swarm ${slots}`) })),
    );
  const one = await swarmMs(1);
  const two = await swarmMs(2);
  await db.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\nbench/build (${RUNS} runs each, medians; lm3s6965evb template firmware)\n`);
  console.log("| measurement                                   | ms     | ratio                 |");
  console.log("|-----------------------------------------------|--------|-----------------------|");
  console.log(
    `| bare arm-none-eabi-gcc call (no sandbox)      | ${bare.toFixed(0).padStart(6)} | 1.00 (baseline)       |`,
  );
  console.log(
    `| node build, cold (queue+gen+sandbox+store)    | ${cold.toFixed(0).padStart(6)} | ${(cold / bare).toFixed(2).padEnd(4)} x bare           |`,
  );
  console.log(
    `| node build, cached                            | ${cached.toFixed(0).padStart(6)} | ${(cached / bare).toFixed(2).padEnd(4)} x bare           |`,
  );
  console.log(
    `| 10-node swarm, 1 worker slot                  | ${one.toFixed(0).padStart(6)} |                       |`,
  );
  console.log(
    `| 10-node swarm, 2 worker slots                 | ${two.toFixed(0).padStart(6)} | ${(one / two).toFixed(2)} x faster than 1 |`,
  );
}

await main();
