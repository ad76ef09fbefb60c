/**
 * The dashboard's procedures for an AWS deployment, against a real aggregator served over HTTPS with a
 * certificate from its own openssl CA (published at /ca.crt, as the AWS server does) and its bearer token: the
 * owner's values, history, alerts, acknowledge, commands reaching MQTT, the live stream and CSV all go through
 * the app; a wrong token or a silent server gives a specific error; the token is in no answer.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "@/contracts/spec/schema";
import { nodeTopic } from "@/contracts/topics";
import { Aggregator } from "@/infra/aggregator/aggregator";
import { openDatabase } from "@/infra/aggregator/database";
import { createHttpHandler } from "@/infra/aggregator/http";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { signOwnerId } from "@/server/auth/owner-cookie";
import type { Caller } from "@/server/auth/resolve-owner";
import { connectDatabase, type Database } from "@/server/db/connect";
import { sealDeploymentSecrets } from "@/server/deploy/deployment-secrets";
import type { Project } from "@/server/generated/prisma/client";
import { createShareLink } from "@/server/services/share/create-share-link";
import { createOwnedProject, newCaller } from "@/test/support/owners";
import { requiredTool } from "@/test/support/required-tool";
import { sensorNode } from "@/test/support/spec-nodes";

const run = promisify(execFile);
const openssl = requiredTool("openssl");
const TOKEN = "aws-aggregator-token-0123456789abcdef";
const NODE_PASSWORD = "node-1-password-0123456789";
const createCaller = createCallerFactory(appRouter);

let appDb: Database;
let dir: string;
let aggregatorDb: Awaited<ReturnType<typeof openDatabase>>;
let aggregator: Aggregator;
let server: https.Server;
let serverUrl: string;
let owner: Caller;
let project: Project;
const answers: string[] = [];

const node = (id: string) => sensorNode(id, { telemetry: { intervalMs: 60_000, fields: ["temperature"] } });

/** A CA and a server certificate for 127.0.0.1, made the way the server's cloud-init makes them. */
async function makeCertificates(): Promise<{ ca: string; cert: string; key: string }> {
  const file = (name: string) => path.join(dir, name);
  await run(
    openssl,
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test CA"].concat([
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.crt"),
    ]),
  );
  await run(
    openssl,
    ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1"].concat([
      "-keyout",
      file("server.key"),
      "-out",
      file("server.csr"),
    ]),
  );
  await run("sh", ["-c", `printf 'subjectAltName=IP:127.0.0.1\\n' > "${file("san.ext")}"`]);
  await run(
    openssl,
    ["x509", "-req", "-in", file("server.csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key")].concat([
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      file("san.ext"),
      "-out",
      file("server.crt"),
    ]),
  );
  const read = (name: string) => readFileSync(file(name), "utf8");
  return { ca: read("ca.crt"), cert: read("server.crt"), key: read("server.key") };
}

async function useToken(token: string, url = serverUrl) {
  await appDb.prisma.deployment.update({
    where: { projectId: project.id },
    data: { credentials: sealDeploymentSecrets({ nodes: {}, aggregatorToken: token }), outputs: outputs(url) },
  });
}
const outputs = (url: string) => ({ server_url: url, swarm_id: project.slug, mqtt_host: "127.0.0.1", mqtt_port: 8883 });

/** The owner's tRPC caller; every answer is kept to check that none holds the token. */
function api(caller: Caller = owner, share: string | null = null, signal?: AbortSignal) {
  const procedures = createCaller({ prisma: appDb.prisma, caller, share }, { signal });
  const keep = async <T>(promise: Promise<T>) => {
    const value = await promise;
    answers.push(JSON.stringify(value));
    return value;
  };
  return { procedures, keep, input: { projectId: project.id } };
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  const message = await promise.then(
    () => "no error",
    (error: Error) => error.message,
  );
  answers.push(message);
  return message;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-aws-dashboard-"));
  process.env.DATA_DIR = dir;
  appDb = await connectDatabase({ dataDir: path.join(dir, "app") });
  // The CSV route's process-wide database is this test's.
  (globalThis as { swarmDb?: Promise<Database> }).swarmDb = Promise.resolve(appDb);
  owner = await newCaller(appDb.prisma);
  const spec = {
    ...emptySpec("Remote"),
    nodes: [node("node-1")],
    rules: [{ when: "temperature > 30 on node-1", then: "open the vents" }],
  };
  project = await createOwnedProject(appDb.prisma, { name: "Remote", spec }, owner);

  aggregatorDb = await openDatabase({});
  aggregator = await Aggregator.start({
    sql: aggregatorDb,
    swarmIds: [project.slug],
    broker: { kind: "embedded", host: "127.0.0.1", port: 0 },
    store: { flushIntervalMs: 10 },
  });
  await aggregator.configureSwarm(project.slug, { rules: spec.rules, nodes: [{ id: "node-1", intervalMs: 60_000 }] });
  await aggregator.setNodeCredential(project.slug, "node-1", NODE_PASSWORD);
  const tls = await makeCertificates();
  const handle = createHttpHandler(aggregator, TOKEN);
  server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    if (req.url === "/ca.crt") return void res.writeHead(200, { "content-type": "application/x-pem-file" }).end(tls.ca);
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await appDb.prisma.deployment.create({
    data: {
      projectId: project.id,
      target: "aws",
      status: "deployed",
      outputs: outputs(serverUrl),
      credentials: sealDeploymentSecrets({ nodes: {}, aggregatorToken: TOKEN }),
    },
  });
  const start = Date.now() - 4_000;
  for (const [i, temperature] of [21, 25, 35].entries()) {
    aggregator.ingest(project.slug, "node-1", "telemetry", { temperature }, start + i * 1_000);
  }
  await aggregator.flush();
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  await aggregator?.close();
  await aggregatorDb?.close();
  await appDb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the dashboard of an AWS deployment, through the app", () => {
  it("reads the latest values with the node online, and the history in buckets", async () => {
    const { procedures, keep, input } = api();
    const latest = await keep(procedures.telemetry.latest(input));
    expect(latest.nodes).toMatchObject([{ nodeId: "node-1", online: true }]);
    expect(latest.latest).toMatchObject([{ nodeId: "node-1", record: { temperature: 35 } }]);
    const history = await keep(
      procedures.telemetry.history({
        ...input,
        nodeId: "node-1",
        field: "temperature",
        from: new Date(Date.now() - 15 * 60_000).toISOString(),
        to: new Date(Date.now() + 1_000).toISOString(),
        buckets: 1,
      }),
    );
    expect(history).toMatchObject([{ min: 21, max: 35, count: 3 }]);
  });

  it("lists the fired alert and acknowledges it on the server", async () => {
    const { procedures, keep, input } = api();
    const alerts = await keep(procedures.alerts.list({ ...input, active: true }));
    expect(alerts).toMatchObject([{ nodeId: "node-1", value: 35, ackedAt: null }]);
    const acked = await keep(procedures.alerts.acknowledge({ ...input, alertId: alerts[0]!.id }));
    expect(acked?.ackedAt).toEqual(expect.any(String));
    expect((await aggregator.listAlerts(project.slug))[0]?.ackedAt).toBe(acked?.ackedAt);
    expect(await keep(procedures.alerts.acknowledge({ ...input, alertId: 999 }))).toBeNull();
  });

  it("sends a command that reaches the node's MQTT command topic", async () => {
    const board: MqttClient = await mqtt.connectAsync(aggregator.broker!.url, {
      username: "node-1",
      password: NODE_PASSWORD,
      reconnectPeriod: 0,
    });
    const topic = nodeTopic(project.slug, "node-1", "command");
    await board.subscribeAsync(topic, { qos: 1 });
    const received = new Promise<string>((resolve) =>
      board.once("message", (_t, payload) => resolve(payload.toString())),
    );
    const { procedures, keep, input } = api();
    expect(await keep(procedures.commands.send({ ...input, nodeId: "node-1", command: "fan on" }))).toEqual({ topic });
    expect(await received).toBe('"fan on"');
    await board.endAsync();
  });

  it("relays the server's live stream, and picks it up again when the connection drops", async () => {
    const controller = new AbortController();
    const { procedures, input } = api(owner, null, controller.signal);
    const events = (await procedures.telemetry.stream(input))[Symbol.asyncIterator]();
    /** Ingests a reading until the relay delivers it (the relay subscribes once the server answered). */
    async function relayed(temperature: number) {
      const arrival = (async () => {
        for (;;) {
          const { value, done } = await events.next();
          if (done) return null;
          answers.push(JSON.stringify(value));
          if (value.type === "record" && value.record.temperature === temperature) return value;
        }
      })();
      let settled = false;
      void arrival.finally(() => (settled = true)).catch(() => undefined);
      for (let i = 0; i < 100 && !settled; i++) {
        aggregator.ingest(project.slug, "node-1", "telemetry", { temperature });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return arrival;
    }
    expect(await relayed(22.5)).toMatchObject({ type: "record", nodeId: "node-1", record: { temperature: 22.5 } });
    server.closeAllConnections();
    expect(await relayed(23.5)).toMatchObject({ type: "record", nodeId: "node-1", record: { temperature: 23.5 } });
    controller.abort();
  });

  it("exports the range as CSV to the owner's browser", async () => {
    const { GET } = await import("@/app/api/projects/[projectId]/telemetry.csv/route");
    const query = new URLSearchParams({
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 1_000).toISOString(),
    });
    const response = await GET(
      new Request(`http://app.test/api/projects/${project.id}/telemetry.csv?${query}`, {
        headers: { cookie: `swarm_owner=${signOwnerId(owner.ownerId)}` },
      }),
      { params: Promise.resolve({ projectId: project.id }) },
    );
    const text = await response.text();
    answers.push(text);
    expect(response.status).toBe(200);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("ts,node,kind,temperature");
    expect(lines.slice(1, 4).map((line) => line.split(",").slice(1).join(","))).toEqual([
      "node-1,telemetry,21",
      "node-1,telemetry,25",
      "node-1,telemetry,35",
    ]);
  });

  it("lets a share link holder read the values but not acknowledge or command", async () => {
    const link = await createShareLink(appDb.prisma, { project, allowFirmware: false });
    const { procedures, keep, input } = api(await newCaller(appDb.prisma), link.token);
    expect((await keep(procedures.telemetry.latest(input))).nodes).toMatchObject([{ nodeId: "node-1" }]);
    expect(await errorOf(procedures.alerts.acknowledge({ ...input, alertId: 1 }))).not.toBe("no error");
    expect(await errorOf(procedures.commands.send({ ...input, nodeId: "node-1", command: "x" }))).not.toBe("no error");
  });

  it("says the server refused the app's token, or did not answer, without the token", async () => {
    const { procedures, input } = api();
    await useToken("not-the-right-token-0123456789");
    expect(await errorOf(procedures.telemetry.latest(input))).toBe(
      `The AWS server at ${serverUrl} refused the app's token (HTTP 401): deploy again so the app and the server share one.`,
    );
    const silent = "https://127.0.0.1:1";
    await useToken(TOKEN, silent);
    expect(await errorOf(procedures.alerts.list({ ...input }))).toMatch(
      /^The AWS server at https:\/\/127\.0\.0\.1:1 did not answer: .*ECONNREFUSED/,
    );
    await useToken(TOKEN);
    expect(await errorOf(procedures.commands.send({ ...input, nodeId: "Bad_Id", command: "x" }))).toBe(
      `The AWS server at ${serverUrl} answered HTTP 404: no route /api/commands/Bad_Id`,
    );
    await appDb.prisma.deployment.update({ where: { projectId: project.id }, data: { outputs: {} } });
    expect(await errorOf(procedures.telemetry.latest(input))).toBe(
      "This AWS deployment has no server address or API token recorded: deploy it again.",
    );
    await useToken(TOKEN);
    expect(answers.length).toBeGreaterThan(8);
    for (const answer of answers) expect(answer).not.toContain(TOKEN);
  });
});
