/**
 * bench/simulate: boot-to-first-telemetry per node through the sandboxed runner (median of 5) against a bare QEMU
 * start of the same image in the same run, then 20 nodes live at once: wall time until every node has reported,
 * CPU used by the emulators and the worker, and console lines per second. Run: npm run bench:simulate
 */
import { spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getBoard } from "../../boards";
import { QEMU_MACHINES } from "../../workers/emulators/machines";
import { startNode } from "../../workers/simulate/run-node";
import { cleanUpFirmware, templateFirmware } from "../../workers/simulate/testing/firmware";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LIVE_NODES = Number(process.env.BENCH_NODES ?? 20);
const LIVE_WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const TICKS_PER_S = 100; // USER_HZ for /proc/<pid>/stat

/** Wall ms until the first `@t` line of a runner check run. */
async function runnerFirstTelemetry(boardId: string, image: Uint8Array): Promise<number> {
  const controller = new AbortController();
  const started = performance.now();
  let first = NaN;
  const run = startNode({
    board: getBoard(boardId)!,
    image,
    mode: "check",
    durationMs: 60_000,
    signal: controller.signal,
    onLine: ({ line }) => {
      if (line.kind === "telemetry" && Number.isNaN(first)) {
        first = performance.now() - started;
        controller.abort();
      }
    },
  });
  await run.done;
  return first;
}

/** Wall ms until the first `@t` line of QEMU started directly (no sandbox, no monitor), same image and clock. */
function bareFirstTelemetry(boardId: string, image: Uint8Array): Promise<number> {
  const board = getBoard(boardId)!;
  const machine = QEMU_MACHINES[board.emulator!.machine]!;
  const dir = mkdtempSync(path.join(tmpdir(), "bench-simulate-"));
  const elf = path.join(dir, "firmware.elf");
  writeFileSync(elf, image);
  const serial = machine.serialBases.indexOf(board.console.base ?? machine.serialBases[0]!);
  const args = [
    ...["-M", board.emulator!.machine, "-display", "none", "-monitor", "none", "-nodefaults"],
    ...Array.from({ length: serial }, () => ["-serial", "null"]).flat(),
    ...["-serial", "stdio", machine.imageFlag, elf],
    ...(machine.icount ? ["-icount", "shift=0,sleep=off"] : []),
  ];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(machine.binary, args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n@t ") || out.startsWith("@t ")) {
        resolve(performance.now() - started);
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("close", () => {
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`${boardId}: bare QEMU ended without telemetry`));
    });
  });
}

/** CPU seconds (user + system) of every descendant of this process, by executable name. */
function descendantCpu(): Map<string, number> {
  const stats = new Map<number, { ppid: number; name: string; cpu: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        name,
        cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S,
      });
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; hops++) {
      if (p === process.pid) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  const byName = new Map<string, number>();
  for (const [pid, s] of stats)
    if (pid !== process.pid && mine(pid)) byName.set(s.name, (byName.get(s.name) ?? 0) + s.cpu);
  return byName;
}

async function main() {
  const boards = ["lm3s6965evb", "netduino-plus-2", "arduino-uno", "rpi-pico"];
  const images = new Map<string, Uint8Array>();
  for (const id of boards) images.set(id, await templateFirmware(id));

  console.log(`\nBoot to first telemetry (wall ms, median of ${RUNS}; check mode)\n`);
  console.log("| node             | runner (sandbox+QMP) | bare QEMU | ratio |");
  console.log("| ---------------- | -------------------- | --------- | ----- |");
  for (const id of boards) {
    const runner: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runner.push(await runnerFirstTelemetry(id, images.get(id)!));
      if (id !== "rpi-pico") bare.push(await bareFirstTelemetry(id, images.get(id)!));
    }
    const b = bare.length ? median(bare) : NaN;
    const r = median(runner);
    const ratio = Number.isNaN(b) ? "n/a (in-process)" : `${(r / b).toFixed(2)} x`;
    console.log(
      `| ${id.padEnd(16)} | ${r.toFixed(0).padStart(20)} | ${Number.isNaN(b) ? "n/a".padStart(9) : b.toFixed(0).padStart(9)} | ${ratio} |`,
    );
  }

  // 20 nodes live: mostly Cortex-M (idle in WFI), two Unos (the AVR template busy-waits) and two Picos (in-process).
  const mix = ["lm3s6965evb", "netduino-plus-2", "lm3s6965evb", "netduino-plus-2", "lm3s6965evb"];
  const live = Array.from({ length: LIVE_NODES }, (_, i) =>
    i === 0 || i === 10 ? "arduino-uno" : i === 5 || i === 15 ? "rpi-pico" : mix[i % mix.length]!,
  );
  const controller = new AbortController();
  // One signal stops every node: each run listens on it (sandbox, monitor connection).
  setMaxListeners(4 * LIVE_NODES, controller.signal);
  const started = performance.now();
  const reported = new Set<number>();
  let allReportedMs = NaN;
  let lines = 0;
  let countLines = false;
  const runs = live.map((id, index) =>
    startNode({
      board: getBoard(id)!,
      image: images.get(id)!,
      mode: "live",
      signal: controller.signal,
      onLine: ({ line }) => {
        if (countLines) lines++;
        if (line.kind === "telemetry" && !reported.has(index)) {
          reported.add(index);
          if (reported.size === live.length) allReportedMs = performance.now() - started;
        }
      },
    }),
  );
  while (reported.size < live.length && performance.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpuBefore = descendantCpu();
  const workerBefore = process.cpuUsage();
  countLines = true;
  const windowStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, LIVE_WINDOW_MS));
  const windowS = (performance.now() - windowStart) / 1000;
  const cpuAfter = descendantCpu();
  const worker = process.cpuUsage(workerBefore);
  controller.abort();
  const results = await Promise.all(runs.map((r) => r.done));

  console.log(
    `\n${live.length} nodes live at once (${live.filter((b) => b === "arduino-uno").length} Uno, ${live.filter((b) => b === "rpi-pico").length} Pico, the rest Cortex-M in QEMU)\n`,
  );
  console.log("| measurement                                   | value |");
  console.log("| --------------------------------------------- | ----- |");
  console.log(`| wall time until every node reported (s)       | ${(allReportedMs / 1000).toFixed(1)} |`);
  for (const name of ["qemu-system-arm", "qemu-system-avr"]) {
    const used = (cpuAfter.get(name) ?? 0) - (cpuBefore.get(name) ?? 0);
    const count = live.filter(
      (b) => getBoard(b)!.emulator?.capability === (name === "qemu-system-arm" ? "qemu-arm" : "qemu-avr"),
    ).length;
    console.log(
      `| ${`${name} CPU, ${count} nodes (% of one core)`.padEnd(45)} | ${((used / windowS) * 100).toFixed(0)} |`,
    );
  }
  console.log(
    `| ${"worker process CPU incl. 2 rp2040js (% core)".padEnd(45)} | ${(((worker.user + worker.system) / 1e6 / windowS) * 100).toFixed(0)} |`,
  );
  console.log(`| ${`console lines/s over ${windowS.toFixed(0)} s`.padEnd(45)} | ${(lines / windowS).toFixed(0)} |`);
  console.log(
    `| ${"nodes stopped cleanly".padEnd(45)} | ${results.filter((r) => r.status === "stopped").length}/${live.length} |`,
  );
  await cleanUpFirmware();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
