import { describe } from "vitest";
import { Aggregator } from "./aggregator";
import { openDatabase } from "./database";
import { swarmScenario } from "./swarm-scenario.testing";
import { NODES, SWARM, passwordOf } from "./test-support";

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
