/** The integration scenario, run once per broker (embedded Aedes, external Mosquitto) by the *.integration tests. */
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { nodeTopic } from "../../contracts/topics";
import type { Aggregator } from "./aggregator";
import {
  NODES,
  RULES,
  SWARM,
  TOKEN,
  basic,
  connectNode,
  connectOutcome,
  passwordOf,
  publishSwarm,
  serveHttp,
  storedTelemetry,
  waitFor,
  webhookReceiver,
} from "./test-support";
import type { AggregatorEvent } from "./types";

export interface ScenarioBroker {
  aggregator: Aggregator;
  /** Where nodes connect. */
  url: string;
  /** Stops the broker and starts it again on the same port, keeping persistent sessions. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function swarmScenario(start: () => Promise<ScenarioBroker>): void {
  let broker: ScenarioBroker;
  let api: Awaited<ReturnType<typeof serveHttp>>;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  const clients = new Map<string, MqttClient>();
  const events: AggregatorEvent[] = [];

  beforeAll(async () => {
    broker = await start();
    hook = await webhookReceiver();
    api = await serveHttp(broker.aggregator);
    broker.aggregator.subscribe((event) => events.push(event));
    const { ruleErrors } = await broker.aggregator.configureSwarm(SWARM, {
      rules: RULES,
      nodes: NODES.map((id) => ({ id, intervalMs: 100 })),
      webhookUrl: hook.url,
    });
    expect(ruleErrors).toEqual([]);
    for (const nodeId of NODES) {
      const client = connectNode(broker.url, nodeId);
      clients.set(nodeId, client);
      await new Promise((resolve, reject) => client.once("connect", resolve).once("error", reject));
    }
  });
  afterAll(async () => {
    await Promise.all([...clients.values()].map((c) => c.endAsync().catch(() => undefined)));
    await api?.close();
    await hook?.close();
    await broker?.close();
  });

  it("stores every acknowledged QoS 1 message, across a broker restart mid-stream", async () => {
    const { acked, failed } = await publishSwarm(clients, 70, () => broker.restart());
    expect(failed).toBe(0);
    expect(acked.size).toBe(4 * 70 + 11); // node-5 sends rounds 0-10 only
    await waitFor("every acknowledged message to be stored", async () => {
      await broker.aggregator.flush();
      return (await storedTelemetry(broker.aggregator)).distinct.size >= acked.size;
    });
    const stored = await storedTelemetry(broker.aggregator);
    expect([...acked].filter((key) => !stored.distinct.has(key))).toEqual([]);
    expect(stored.distinct.size).toBe(acked.size);
    // QoS 1 is at-least-once: a message in flight during the restart may be stored twice, never lost.
    expect(stored.rows).toBeGreaterThanOrEqual(acked.size);
  });

  it("fires a threshold alert once, clears it when the value drops, and posts it to the webhook", async () => {
    await broker.aggregator.flush();
    const alerts = (await broker.aggregator.listAlerts(SWARM)).filter(
      (a) => a.ruleKey === "temperature > 30 on node-1",
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      nodeId: "node-1",
      value: 35,
      message: expect.stringContaining("open the vents"),
    });
    expect(alerts[0]?.clearedAt).not.toBeNull();
    await waitFor("the webhook", () => hook.bodies.length > 0);
    expect(hook.bodies).toContainEqual({
      type: "alert",
      alert: expect.objectContaining({ id: alerts[0]?.id, nodeId: "node-1" }),
    });
  });

  it("fires an absence alert for the node that went quiet and marks it offline", async () => {
    await waitFor("the absence alert", async () => {
      await broker.aggregator.flush();
      const active = await broker.aggregator.listAlerts(SWARM, { active: true });
      return active.some((a) => a.nodeId === "node-5" && a.ruleKey.startsWith("no data from node-5"));
    });
    expect(broker.aggregator.nodes(SWARM).find((n) => n.nodeId === "node-5")?.online).toBe(false);
    const response = await fetch(`${api.url}/api/alerts?active=true`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { alerts } = (await response.json()) as { alerts: { id: number; nodeId: string }[] };
    const absence = alerts.find((a) => a.nodeId === "node-5");
    const ack = await fetch(`${api.url}/api/alerts/${absence?.id}/ack`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { alert: { ackedAt: string | null } }).alert.ackedAt).not.toBeNull();
  });

  it("refuses a wrong node password", async () => {
    expect([4, 5]).toContain(await connectOutcome(broker.url, "node-2", "not-the-password-1234"));
    expect([4, 5]).toContain(await connectOutcome(broker.url, "", ""));
    expect(await connectOutcome(broker.url, "node-2", passwordOf("node-2"))).toBe("connected");
  });

  it("never stores what a node publishes on another node's topic", async () => {
    const intruder = connectNode(broker.url, "node-2");
    intruder.options.clientId = "test-intruder";
    await new Promise((resolve) => intruder.once("connect", resolve));
    intruder.publish(nodeTopic(SWARM, "node-3", "telemetry"), JSON.stringify({ forged: true }), { qos: 1 });
    intruder.publish(nodeTopic(SWARM, "node-2", "command"), JSON.stringify({ forged: true }), { qos: 1 });
    // A marker on its own topic, from a clean connection, shows the broker had time to deliver the forged one.
    const honest = clients.get("node-3");
    await honest?.publishAsync(nodeTopic(SWARM, "node-3", "telemetry"), JSON.stringify({ marker: true }), { qos: 1 });
    await waitFor("the marker", async () => {
      await broker.aggregator.flush();
      return (await broker.aggregator.latest(SWARM)).some((r) => r.nodeId === "node-3" && r.record.marker === true);
    });
    await intruder.endAsync(true);
    const rows = await broker.aggregator.store.range(SWARM, new Date(0), new Date(Date.now() + 60_000));
    expect(rows.filter((r) => r.record.forged)).toEqual([]);
  });

  it("delivers a command to the node and reports the node's last will", async () => {
    const node4 = clients.get("node-4") as MqttClient;
    await node4.subscribeAsync(nodeTopic(SWARM, "node-4", "command"), { qos: 1 });
    const received = new Promise<string>((resolve) =>
      node4.once("message", (_topic, payload) => resolve(payload.toString())),
    );
    const response = await fetch(`${api.url}/api/commands/node-4`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ fan: "on" }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(await received)).toEqual({ fan: "on" });

    node4.options.reconnectPeriod = 0;
    node4.stream.destroy(); // a lost connection, not a clean DISCONNECT: the broker publishes the will
    await waitFor("node-4 offline by its last will", () =>
      events.some(
        (e) =>
          e.type === "node" && e.state.nodeId === "node-4" && !e.state.online && e.state.reason.includes("last will"),
      ),
    );
  });

  it("takes HTTP ingest only with the token or the node's own credential", async () => {
    const post = (node: string, authorization?: string) =>
      fetch(`${api.url}/api/telemetry/${node}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ seq: 9999, temperature: 21 }),
      });
    expect((await post("node-3")).status).toBe(401);
    expect((await post("node-3", basic("node-3", "wrong-password-123"))).status).toBe(401);
    expect((await post("node-3", basic("node-2", passwordOf("node-2")))).status).toBe(401);
    expect((await post("node-3", basic("node-3", passwordOf("node-3")))).status).toBe(202);
    expect((await post("node-3", `Bearer ${TOKEN}`)).status).toBe(202);
    expect((await fetch(`${api.url}/api/latest`)).status).toBe(401);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    await broker.aggregator.flush();
    const latest = await fetch(`${api.url}/api/latest`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await latest.json()) as { records: { nodeId: string; record: { seq: number } }[] };
    expect(body.records.find((r) => r.nodeId === "node-3")?.record.seq).toBe(9999);
  });
}
