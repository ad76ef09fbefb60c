import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeTopic } from "../../contracts/topics";
import { Aggregator, defaultClientId } from "./aggregator";
import { openDatabase } from "./database";
import { swarmScenario } from "./swarm-scenario.testing";
import { NODES, SWARM, connectOutcome, passwordOf, waitFor } from "./test-support";

describe("aggregator with its embedded Aedes broker, on PGlite", () => {
  swarmScenario(async () => {
    const db = await openDatabase({});
    const aggregator = await Aggregator.start({
      sql: db,
      swarmIds: [SWARM],
      broker: { kind: "embedded", host: "127.0.0.1", port: 0 },
      tickMs: 100,
      store: { flushIntervalMs: 20 },
    });
    for (const nodeId of NODES) await aggregator.setNodeCredential(SWARM, nodeId, passwordOf(nodeId));
    const broker = aggregator.broker;
    if (!broker) throw new Error("no embedded broker");
    return {
      aggregator,
      url: broker.url,
      restart: () => broker.restart(),
      close: async () => {
        await aggregator.close();
        await db.close();
      },
    };
  });
});

describe("embedded Aedes over WebSocket", () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let aggregator: Aggregator;
  beforeAll(async () => {
    db = await openDatabase({});
    aggregator = await Aggregator.start({
      sql: db,
      swarmIds: [SWARM],
      broker: { kind: "embedded", host: "127.0.0.1", port: 0, wsPort: 0 },
      store: { flushIntervalMs: 20 },
    });
    await aggregator.setNodeCredential(SWARM, "node-1", passwordOf("node-1"));
  });
  afterAll(async () => {
    await aggregator?.close();
    await db?.close();
  });

  it("takes a node's telemetry over ws:// with the same credentials and ACL", async () => {
    const url = `ws://127.0.0.1:${aggregator.broker?.wsPort}`;
    expect([4, 5]).toContain(await connectOutcome(url, "node-1", "wrong-password-123"));
    const node = await mqtt.connectAsync(url, {
      username: "node-1",
      password: passwordOf("node-1"),
      reconnectPeriod: 0,
    });
    await node.publishAsync(nodeTopic(SWARM, "node-1", "telemetry"), '{"via":"websocket"}', { qos: 1 });
    await node.endAsync();
    await waitFor("the WebSocket record", async () => {
      await aggregator.flush();
      return (await aggregator.latest(SWARM)).some((r) => r.record.via === "websocket");
    });
  });
});

describe("ingest client id", () => {
  it("stays within the 23 characters MQTT 3.1.1 brokers must accept, and is stable", () => {
    expect(defaultClientId(["greenhouse"])).toBe("aggregator-greenhouse");
    const long = defaultClientId(["a-very-long-project-slug-for-a-swarm"]);
    expect(long).toHaveLength(23);
    expect(defaultClientId(["a-very-long-project-slug-for-a-swarm"])).toBe(long);
  });
});
