import { readFileSync } from "node:fs";
import path from "node:path";
import { hostname } from "node:os";
import { WorkerApiClient } from "./queue-client/api-client";
import { probeCapabilities } from "./capabilities";
import { jobHandlers } from "./handlers";
import { WorkerRuntime } from "./queue-client/runtime";

const serverUrl = process.env.SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const token = process.env.WORKER_TOKEN || localToken();
if (!token) {
  console.error(
    "worker: WORKER_TOKEN is not set. Use the token the app was started with (npm start keeps it in DATA_DIR/worker-token).",
  );
  process.exit(2);
}

/** Beside a local `npm start`, the token the app generated; remote workers must be given WORKER_TOKEN. */
function localToken(): string | undefined {
  try {
    return readFileSync(path.resolve(process.env.DATA_DIR || ".data", "worker-token"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

const slots = Math.max(1, Number(process.env.WORKER_SLOTS) || 2);
const name = process.env.WORKER_NAME ?? `${hostname()}:${process.pid}`;
const drainMs = Number(process.env.WORKER_DRAIN_MS ?? 10_000);

const capabilities = await probeCapabilities();
const api = new WorkerApiClient(serverUrl, token);
const runtime = new WorkerRuntime(api, {
  name,
  slots,
  capabilities,
  handlers: jobHandlers(
    process.env,
    capabilities.map((cap) => cap.name),
  ),
});

for (let attempt = 1; ; attempt += 1) {
  try {
    await runtime.start();
    break;
  } catch (error) {
    if (attempt >= 30) throw error;
    console.error(`worker: cannot reach ${serverUrl} yet (${(error as Error).message}); retrying`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
console.log(
  `worker ${name} online with ${slots} slot(s): ${capabilities.map((cap) => cap.name).join(", ") || "no toolchains"}`,
);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: ${signal}, finishing running jobs (up to ${drainMs} ms)`);
    runtime.stop(drainMs).then(() => process.exit(0));
  });
}
