/** The swarm scenario both broker tests (Aedes, Mosquitto) run against a started aggregator. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import { nodeTopic } from "../../contracts/topics";
import type { Aggregator } from "./aggregator";
import { createHttpHandler } from "./http";

export const SWARM = "greenhouse";
export const TOKEN = "test-token-0123456789abcdef";
export const NODES = ["node-1", "node-2", "node-3", "node-4", "node-5"];
export const passwordOf = (nodeId: string) => `pw-${nodeId}-0123456789`;

export const RULES = [
  { when: "temperature > 30 on node-1", then: "open the vents" },
  { when: "no data from node-5 for 1 s", then: "check node-5" },
];

export function connectNode(url: string, nodeId: string, password = passwordOf(nodeId)): MqttClient {
  return mqtt.connect(url, {
    clientId: `test-${nodeId}`,
    username: nodeId,
    password,
    protocolVersion: 4,
    reconnectPeriod: 100,
    will: {
      topic: nodeTopic(SWARM, nodeId, "events"),
      payload: Buffer.from('{"event":"offline"}'),
      qos: 1,
      retain: false,
    },
  });
}

/** The CONNACK code (or other error) a connection attempt ends with, or "connected". */
export function connectOutcome(url: string, username: string, password: string): Promise<number | string> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { username, password, reconnectPeriod: 0, protocolVersion: 4 });
    client.once("connect", () => {
      client.end(true);
      resolve("connected");
    });
    client.once("error", (error) => {
      client.end(true);
      resolve((error as { code?: number }).code ?? error.message);
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Five nodes publish `rounds` rounds of QoS 1 telemetry (`seq` numbered), one every 40 ms; node-1 crosses 30 °C in
 * rounds 10-14; node-5 stops after round 10. `midway` runs at the middle round (a broker restart). Counting rounds,
 * not time, keeps the data the same on a slow machine. Returns every acknowledged message.
 */
export async function publishSwarm(
  clients: Map<string, MqttClient>,
  rounds: number,
  midway: () => Promise<void>,
): Promise<{ acked: Set<string>; failed: number }> {
  const acked = new Set<string>();
  let failed = 0;
  const sends: Promise<void>[] = [];
  let restarted: Promise<void> | null = null;
  for (let seq = 0; seq < rounds; seq++) {
    for (const [nodeId, client] of clients) {
      if (nodeId === "node-5" && seq > 10) continue;
      const temperature = nodeId === "node-1" && seq >= 10 && seq < 15 ? 35 : 20 + (seq % 5);
      const payload = JSON.stringify({ seq, temperature, humidity: 50 });
      sends.push(
        client.publishAsync(nodeTopic(SWARM, nodeId, "telemetry"), payload, { qos: 1 }).then(
          () => void acked.add(`${nodeId}#${seq}`),
          () => void (failed += 1),
        ),
      );
    }
    if (seq === Math.floor(rounds / 2)) restarted = midway();
    await sleep(40);
  }
  await restarted;
  await Promise.all(sends);
  return { acked, failed };
}

/** Distinct (node, seq) pairs stored, and the total row count (QoS 1 may deliver a message twice). */
export async function storedTelemetry(aggregator: Aggregator): Promise<{ distinct: Set<string>; rows: number }> {
  const rows = await aggregator.store.range(SWARM, new Date(0), new Date(Date.now() + 60_000));
  const telemetry = rows.filter((r) => r.kind === "telemetry" && typeof r.record.seq === "number");
  return { distinct: new Set(telemetry.map((r) => `${r.nodeId}#${String(r.record.seq)}`)), rows: telemetry.length };
}

/** The aggregator's HTTP API on a free loopback port. */
export async function serveHttp(aggregator: Aggregator): Promise<{ url: string; close(): Promise<void> }> {
  const handler = createHttpHandler(aggregator, TOKEN);
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A webhook receiver on 127.0.0.1 that keeps every JSON body it is sent. */
export async function webhookReceiver(): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
