import { afterAll, describe } from "vitest";
import { startPostgres, type TestPostgres } from "../../test/support/postgres";
import { Aggregator } from "./aggregator";
import { openDatabase } from "./database";
import { startMosquitto } from "./mosquitto.testing";
import { swarmScenario } from "./swarm-scenario.testing";
import { NODES, SWARM, passwordOf } from "./test-support";

const AGGREGATOR_PASSWORD = "aggregator-password-0123456789";
let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

// The deployed shape (infra/terraform/aws): Mosquitto with passwords and the ACL, the aggregator as one of its
// clients, PostgreSQL.
describe("aggregator behind a real Mosquitto, on PostgreSQL", () => {
  swarmScenario(async () => {
    const users = Object.fromEntries([...NODES.map((n) => [n, passwordOf(n)]), ["aggregator", AGGREGATOR_PASSWORD]]);
    const mosquitto = await startMosquitto(SWARM, users);
    postgres = await startPostgres();
    const db = await openDatabase({ url: postgres.url });
    const aggregator = await Aggregator.start({
      sql: db,
      swarmIds: [SWARM],
      broker: { kind: "external", url: `mqtt://aggregator:${AGGREGATOR_PASSWORD}@127.0.0.1:${mosquitto.port}` },
      tickMs: 100,
      store: { flushIntervalMs: 20 },
    });
    // HTTP ingest checks the same node passwords, kept hashed by the aggregator.
    for (const nodeId of NODES) await aggregator.setNodeCredential(SWARM, nodeId, passwordOf(nodeId));
    return {
      aggregator,
      url: mosquitto.url,
      restart: () => mosquitto.restart(),
      close: async () => {
        await aggregator.close();
        await db.close();
        await mosquitto.stop();
      },
    };
  });
});
