import { mkdtempSync, rmSync } from "node:fs";
import { startTestBroker } from "../../test/support/test-broker";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwnedProject } from "../../test/support/owners";
import { connectDatabase, type Database } from "../db/connect";
import { issueBrokerCredential } from "./credentials";
import type { SwarmBroker } from "./swarm-broker";

let db: Database;
let dir: string;
let broker: SwarmBroker;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-broker-"));
  db = await connectDatabase({ dataDir: dir });
  broker = await startTestBroker(db);
});

afterAll(async () => {
  await broker.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const connect = (credentials: { username?: string; password?: string }, ws = false) =>
  mqtt.connectAsync(ws ? `ws://127.0.0.1:${broker.wsPort}` : `mqtt://127.0.0.1:${broker.port}`, {
    ...credentials,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });

describe("the embedded swarm broker", () => {
  it("refuses anonymous clients and wrong passwords", async () => {
    const project = await createOwnedProject(db.prisma, { name: "Auth" });
    const { username } = await issueBrokerCredential(db.prisma, { projectId: project.id, role: "bridge" });
    await expect(connect({})).rejects.toThrow(/Bad username or password|Not authorized|Connection refused/i);
    await expect(connect({ username, password: "wrong" })).rejects.toThrow(/Bad username or password|refused/i);
  });

  it("lets a bridge use its own swarm's topics only, over TCP and WebSocket", async () => {
    const mine = await createOwnedProject(db.prisma, { name: "Mine" });
    const other = await createOwnedProject(db.prisma, { name: "Other" });
    const bridge = await connect(await issueBrokerCredential(db.prisma, { projectId: mine.id, role: "bridge" }));
    const watcher = await connect(await issueBrokerCredential(db.prisma, { projectId: mine.id, role: "bridge" }), true);
    const spy = await connect(await issueBrokerCredential(db.prisma, { projectId: other.id, role: "bridge" }));
    const seen: string[] = [];
    const spied: string[] = [];
    watcher.on("message", (topic, payload) => seen.push(`${topic} ${payload}`));
    spy.on("message", (topic) => spied.push(topic));
    await watcher.subscribeAsync(`swarm/${mine.slug}/#`, { qos: 1 });
    // Refused with SUBACK 0x80 (mqtt.js rejects), and the spy stays connected and hears nothing.
    await expect(spy.subscribeAsync(`swarm/${mine.slug}/#`, { qos: 1 })).rejects.toThrow(/Subscribe error/);

    await bridge.publishAsync(`swarm/${mine.slug}/nodes/n1/telemetry`, '{"t":21}', { qos: 1 });
    // Another swarm's bridge may not publish here: the broker drops it (and closes that connection).
    spy.publish(`swarm/${mine.slug}/nodes/n1/telemetry`, '{"t":99}', { qos: 0 });
    await broker.publish(`swarm/${mine.slug}/nodes/n1/command`, "fan on");
    await expect.poll(() => seen.length).toBe(2);
    expect(seen).toEqual([
      `swarm/${mine.slug}/nodes/n1/telemetry {"t":21}`,
      `swarm/${mine.slug}/nodes/n1/command fan on`,
    ]);
    expect(spied).toEqual([]);
    await Promise.all([bridge.endAsync(), watcher.endAsync(), spy.endAsync(true)]);
  });

  it("holds a node to its own telemetry and command topics", async () => {
    const project = await createOwnedProject(db.prisma, { name: "Nodes" });
    const node = await connect(
      await issueBrokerCredential(db.prisma, { projectId: project.id, role: "node", nodeId: "n1" }),
    );
    const own = await node.subscribeAsync(`swarm/${project.slug}/nodes/n1/command`, { qos: 1 });
    expect(own[0].qos).toBe(1);
    await expect(node.subscribeAsync(`swarm/${project.slug}/nodes/n2/command`, { qos: 1 })).rejects.toThrow(
      /Subscribe error/,
    );
    await expect(node.subscribeAsync(`swarm/${project.slug}/#`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await node.endAsync();
  });

  it("refuses an expired credential", async () => {
    const project = await createOwnedProject(db.prisma, { name: "Expired" });
    const credential = await issueBrokerCredential(db.prisma, { projectId: project.id, role: "bridge", ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(connect(credential)).rejects.toThrow();
  });
});
