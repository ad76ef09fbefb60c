import { type ChildProcess, execFile, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/support/free-port";
import { startPostgres, type TestPostgres } from "../../test/support/postgres";
import { waitFor } from "./test-support";

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);
// Inside node_modules so the bundle's external imports (pg, aedes, mqtt) resolve as in an installed package.
const bundle = path.resolve(here, "../../node_modules/.cache/aggregator-test/main.js");
const TOKEN = "standalone-token-0123456789";
// Only what the service is given, as systemd's EnvironmentFile would (NODE_ENV and the rest are not inherited).
const childEnv = (vars: Record<string, string>) =>
  ({ PATH: process.env.PATH ?? "/usr/bin:/bin", ...vars }) as unknown as NodeJS.ProcessEnv;

/** The deploy path: `node dist/main.js` built by build.mjs, configured only through its environment. */
describe("standalone aggregator (esbuild bundle)", () => {
  let postgres: TestPostgres;
  let child: ChildProcess;
  let output = "";
  const ports = { http: 0, mqtt: 0 };

  beforeAll(async () => {
    await run(process.execPath, [path.join(here, "build.mjs"), bundle]);
    postgres = await startPostgres();
    ports.http = await freePort();
    ports.mqtt = await freePort();
    child = spawn(process.execPath, [bundle], {
      env: childEnv({
        AGGREGATOR_TOKEN: TOKEN,
        SWARM_ID: "orchard",
        AGGREGATOR_DATABASE_URL: postgres.url,
        HOST: "127.0.0.1",
        PORT: String(ports.http),
        MQTT_HOST: "127.0.0.1",
        MQTT_PORT: String(ports.mqtt),
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor("the aggregator to serve", () => output.includes("serving orchard"), 60_000);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await postgres?.stop();
    await rm(path.dirname(bundle), { recursive: true, force: true });
  });

  it("serves health, takes a node credential and ingests over the embedded broker", async () => {
    const base = `http://127.0.0.1:${ports.http}`;
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ ok: true, mqtt: true, swarms: ["orchard"] });
    const credential = await fetch(`${base}/api/credentials/tree-1`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: "{}",
    });
    const { username, password } = (await credential.json()) as { username: string; password: string };
    expect(username).toBe("tree-1");
    const node = await mqtt.connectAsync(`mqtt://127.0.0.1:${ports.mqtt}`, { username, password, reconnectPeriod: 0 });
    await node.publishAsync("swarm/orchard/nodes/tree-1/telemetry", '{"moisture":41}', { qos: 1 });
    await node.endAsync();
    await waitFor("the record", async () => {
      const latest = await fetch(`${base}/api/latest`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const body = (await latest.json()) as { records: { nodeId: string; record: unknown }[] };
      return body.records.some((r) => r.nodeId === "tree-1");
    });
  });

  it("stops cleanly on SIGTERM without printing a secret", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM: flushing and stopping");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(postgres.url);
  });

  it("refuses to start without its token, saying which variable is missing", async () => {
    const result = await run(process.execPath, [bundle], {
      env: childEnv({ SWARM_ID: "orchard" }),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining("AGGREGATOR_TOKEN is not set") });
  });
});
