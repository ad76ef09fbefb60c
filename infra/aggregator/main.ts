/**
 * The aggregator as its own service (the swarm server on EC2, see infra/terraform/aws): `node dist/main.js`.
 * Environment: README.md in this folder. Secrets (token, database and broker passwords) are never logged.
 */
import http from "node:http";
import { Aggregator, type BrokerChoice } from "./aggregator";
import { openDatabase } from "./database";
import { createHttpHandler } from "./http";

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function fail(message: string): never {
  console.error(`aggregator: ${message}`);
  process.exit(1);
}

function integer(name: string, fallback: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const token = env("AGGREGATOR_TOKEN") ?? fail("AGGREGATOR_TOKEN is not set (16 or more characters)");
  const swarmIds = (env("SWARM_IDS") ?? env("SWARM_ID") ?? fail("SWARM_ID (or SWARM_IDS, comma-separated) is not set"))
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const mqttUrl = env("MQTT_URL");
  const broker: BrokerChoice = mqttUrl
    ? { kind: "external", url: mqttUrl }
    : {
        kind: "embedded",
        host: env("MQTT_HOST") ?? "0.0.0.0",
        port: integer("MQTT_PORT", 1883),
        ...(env("MQTT_WS_PORT") ? { wsPort: integer("MQTT_WS_PORT", 8083) } : {}),
      };
  const databaseUrl = env("AGGREGATOR_DATABASE_URL");
  const sql = await openDatabase({ url: databaseUrl, dataDir: env("AGGREGATOR_DATA_DIR") ?? ".data/aggregator" });
  const log = (message: string) => console.log(`aggregator: ${message}`);
  const aggregator = await Aggregator.start({
    sql,
    swarmIds,
    broker,
    store: { retentionDays: integer("RETENTION_DAYS", 30) },
    offlineAfterIntervals: integer("OFFLINE_AFTER_INTERVALS", 3),
    log,
  });
  const handler = createHttpHandler(aggregator, token);
  const server = http.createServer((req, res) => void handler(req, res));
  const port = integer("PORT", 3000);
  const host = env("HOST") ?? "0.0.0.0";
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const where = aggregator.broker
    ? `embedded broker on port ${aggregator.broker.port}`
    : mqttUrl
      ? "external broker"
      : "no broker";
  log(`serving ${swarmIds.join(", ")} on http://${host}:${port} (${databaseUrl ? "PostgreSQL" : "PGlite"}, ${where})`);

  const shutdown = async (signal: string) => {
    log(`${signal}: flushing and stopping`);
    server.close();
    server.closeAllConnections();
    await aggregator.close();
    await sql.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: Error) => fail(error.message));
