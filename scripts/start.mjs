// `npm start`: set up (deps, system packages, prisma client, next build), then run `next start`
// and, once it answers /api/health, the companion worker. Flags: --no-setup, --no-worker.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureSetup, ROOT } from "./setup.mjs";

const args = process.argv.slice(2);
const fail = (message, code = 1) => {
  console.error(`start: ${message}`);
  process.exit(code);
};

if (!args.includes("--no-setup")) {
  try {
    await ensureSetup({ build: true, requireSystemPackages: false });
  } catch (error) {
    fail(error.message);
  }
}

const PORT = process.env.PORT || "3000";
const HOST = process.env.HOST || "0.0.0.0";
const DATA_DIR = path.resolve(process.env.DATA_DIR || ".data");
const SERVER_URL = `http://127.0.0.1:${PORT}`;

function workerToken() {
  if (process.env.WORKER_TOKEN) return process.env.WORKER_TOKEN;
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, "worker-token");
  try {
    const token = fs.readFileSync(file, "utf8").trim();
    if (token) return token;
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  const token = randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return token;
}
const WORKER_TOKEN = workerToken();

const children = new Map(); // name -> ChildProcess (only while running)
let stopping = false;

function launch(name, command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "inherit" });
  children.set(name, child);
  child.exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      children.delete(name);
      resolve({ code, signal });
      // A Ctrl-C reaches the children too: give our own signal handler a moment to mark the stop as wanted.
      setTimeout(() => {
        if (stopping) return;
        console.error(`start: ${name} exited unexpectedly (${signal ?? `code ${code}`}), stopping.`);
        void shutdown("SIGTERM", code ?? 1);
      }, 250);
    }),
  );
  child.on("error", (error) => {
    console.error(`start: could not start ${name}: ${error.message}`);
    if (!stopping) void shutdown("SIGTERM", 1);
  });
  return child;
}

async function shutdown(signal, exitCode) {
  if (stopping) return;
  stopping = true;
  const running = [...children.values()];
  for (const child of running) child.kill(signal);
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill("SIGKILL");
  }, 15_000);
  force.unref();
  await Promise.all(running.map((child) => child.exited));
  process.exit(exitCode);
}

process.on("SIGINT", () => void shutdown("SIGINT", 0));
process.on("SIGTERM", () => void shutdown("SIGTERM", 0));

launch(
  "next",
  process.execPath,
  [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", PORT, "-H", HOST],
  { PORT, DATA_DIR, WORKER_TOKEN, NEXT_TELEMETRY_DISABLED: "1" },
);

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping || !children.has("next")) return false;
    try {
      const response = await fetch(`${SERVER_URL}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

if (!(await waitForHealth(120_000))) {
  // If next itself exited, its exit handler is already shutting down with its code.
  if (!stopping && children.has("next")) {
    console.error(`start: ${SERVER_URL}/api/health did not answer 200 within 120 s.`);
    await shutdown("SIGTERM", 1);
  }
} else {
  if (!args.includes("--no-worker")) {
    // One process (`node --import tsx`, not the tsx CLI wrapper), so signals reach the worker itself.
    launch("worker", process.execPath, ["--import", "tsx", "workers/main.ts"], {
      SERVER_URL,
      WORKER_TOKEN,
    });
  }
  console.log(`Swarm Architect is running on http://localhost:${PORT}`);
}
