import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// The browser is Debian's chromium: never download a Playwright browser build (offline machines).
const port = Number(process.env.E2E_PORT ?? 3107);

// This file is loaded by the runner and again by every test worker: the runner creates the data dir
// and token once and hands them to workers (and tests) through the environment.
const ownsDataDir = !process.env.E2E_DATA_DIR;
if (ownsDataDir) {
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "swarm-e2e-"));
  process.env.E2E_WORKER_TOKEN = randomBytes(32).toString("hex");
  // The worker's deployment folders are bound into its sandbox: a folder the sandbox can enter (mkdtemp is 0700).
  process.env.E2E_WORKER_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "swarm-e2e-worker-"));
  fs.chmodSync(process.env.E2E_WORKER_DATA_DIR, 0o755);
  process.once("exit", () => {
    try {
      fs.rmSync(process.env.E2E_DATA_DIR!, { recursive: true, force: true });
      fs.rmSync(process.env.E2E_WORKER_DATA_DIR!, { recursive: true, force: true });
    } catch {
      // best effort: the server may still be shutting down
    }
  });
}
const dataDir = process.env.E2E_DATA_DIR!;
const workerToken = process.env.E2E_WORKER_TOKEN ?? randomBytes(32).toString("hex");

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  timeout: 60_000,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/start.mjs --no-setup",
    url: `http://127.0.0.1:${port}/api/health`,
    // No Claude in e2e: "auto" builds use the offline template generator even where a key is set.
    // The app's MQTT broker gets ports of its own next to the app's, so a broker on 1883 never collides.
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      WORKER_TOKEN: workerToken,
      ANTHROPIC_API_KEY: "",
      MQTT_PORT: String(port + 10),
      MQTT_WS_PORT: String(port + 11),
      // AWS cannot be reached here: the worker's AWS target is a stand-in module of the same variables and
      // outputs made of terraform_data resources, run by the real terraform binary (worker configuration only).
      WORKER_DATA_DIR: process.env.E2E_WORKER_DATA_DIR!,
      DEPLOY_TERRAFORM_TARGETS_DIR: path.resolve("workers/deploy/testdata/swarm"),
    },
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
