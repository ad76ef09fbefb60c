/**
 * bench/ingest: sustained MQTT ingest into the aggregator (messages/s persisted, p95 from publish to queryable)
 * through the embedded Aedes broker and through a real Mosquitto, on PGlite and on PostgreSQL, for 100 and 1,000
 * node ids. Load comes from a few gateway connections in worker threads, each publishing for many node ids (1,000
 * sockets and 1,000 scrypt logins would measure the load generator, not the ingest path).
 * Run: npm run bench:ingest   (BENCH_SECONDS per cell, default 10)
 */
import { Worker } from "node:worker_threads";
import { Aggregator, type BrokerChoice } from "../../infra/aggregator/aggregator";
import { openDatabase } from "../../infra/aggregator/database";
import { startMosquitto, type TestMosquitto } from "../../infra/aggregator/mosquitto.testing";
import type { Sql } from "../../infra/aggregator/types";
import { startPostgres } from "../../test/support/postgres";
import type { PublisherJob } from "./publisher";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const SWARM = "bench";
const GATEWAY_PASSWORD = "bench-gateway-password";
const AGGREGATOR_PASSWORD = "bench-aggregator-password";

interface Row {
  broker: string;
  database: string;
  nodes: number;
  acked: number;
  /** From the first publish until the last acknowledged message was stored. */
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function measure(
  broker: "aedes" | "mosquitto",
  database: string,
  sql: Sql,
  nodes: number,
  mosquitto?: TestMosquitto,
) {
  await sql.exec("TRUNCATE aggregator_telemetry").catch(() => undefined);
  const choice: BrokerChoice =
    broker === "aedes"
      ? { kind: "embedded", host: "127.0.0.1", port: 0 }
      : { kind: "external", url: `mqtt://aggregator:${AGGREGATOR_PASSWORD}@127.0.0.1:${mosquitto?.port}` };
  const aggregator = await Aggregator.start({
    sql,
    swarmIds: [SWARM],
    broker: choice,
    clientId: `bench-${broker}-${database}-${nodes}`,
  });
  const latencies: number[] = [];
  aggregator.store.onFlushed((batch) => {
    const now = Date.now();
    for (const r of batch) latencies.push(now - Number(r.record.sent));
  });
  try {
    const url = broker === "aedes" ? (aggregator.broker?.url ?? "") : (mosquitto?.url ?? "");
    for (let i = 0; i < CONNECTIONS; i++) {
      if (broker === "aedes") await aggregator.setNodeCredential(SWARM, `gw-${i}`, GATEWAY_PASSWORD, "gateway");
    }
    const nodeIds = Array.from({ length: nodes }, (_, i) => `node-${i}`);
    const start = Date.now();
    const results = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, i) => {
        const job: PublisherJob = {
          url,
          username: `gw-${i}`,
          password: GATEWAY_PASSWORD,
          swarmId: SWARM,
          nodeIds: nodeIds.filter((_, n) => n % CONNECTIONS === i),
          window: WINDOW,
          durationMs: SECONDS * 1000,
        };
        return new Promise<number>((resolve, reject) => {
          // A worker thread does not inherit tsx's loader: register it there, then load the TypeScript publisher.
          const entry = new URL("./publisher.ts", import.meta.url).href;
          const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
          const worker = new Worker(boot, { eval: true, workerData: job });
          worker.once("message", (m: { acked?: number; error?: string }) => {
            void worker.terminate();
            if (m.error) reject(new Error(`publisher ${i}: ${m.error}`));
            else resolve(m.acked ?? 0);
          });
          worker.once("error", reject);
        });
      }),
    );
    const acked = results.reduce((a, b) => a + b, 0);
    // Sustained rate: everything acknowledged, divided by the time until the last of it was stored (the backlog
    // a slower write path builds up counts against it).
    const deadline = Date.now() + 120_000;
    let stored = 0;
    while ((stored = await aggregator.store.count(SWARM)) < acked) {
      if (Date.now() > deadline)
        throw new Error(`${broker}/${database}/${nodes}: ${acked} acknowledged, ${stored} stored`);
      await aggregator.flush();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (Date.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const row: Row = {
      broker,
      database,
      nodes,
      acked,
      seconds,
      perSecond: stored / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
    };
    console.error(`  ${broker} ${database} ${nodes} nodes: ${row.perSecond.toFixed(0)} msg/s, p95 ${row.p95} ms`);
    return row;
  } finally {
    await aggregator.close();
  }
}

async function main() {
  const gateways = Array.from({ length: CONNECTIONS }, (_, i) => `gw-${i}`);
  const users = Object.fromEntries([
    ...gateways.map((g) => [g, GATEWAY_PASSWORD]),
    ["aggregator", AGGREGATOR_PASSWORD],
  ]);
  const mosquitto = await startMosquitto(SWARM, users, gateways);
  const postgres = await startPostgres();
  const databases: [string, Sql & { close(): Promise<void> }][] = [
    ["PGlite", await openDatabase({})],
    ["PostgreSQL", await openDatabase({ url: postgres.url })],
  ];
  const rows: Row[] = [];
  try {
    for (const [name, sql] of databases) {
      for (const broker of ["aedes", "mosquitto"] as const) {
        for (const nodes of [100, 1000]) rows.push(await measure(broker, name, sql, nodes, mosquitto));
      }
    }
  } finally {
    for (const [, sql] of databases) await sql.close();
    await postgres.stop();
    await mosquitto.stop();
  }
  console.log(
    `\nbench/ingest: ${SECONDS} s per cell, ${CONNECTIONS} gateway connections, ${WINDOW} QoS 1 messages in flight each\n`,
  );
  console.log(
    "| broker    | database   | nodes | messages | publish+drain (s) | msg/s persisted | p50 (ms) | p95 (ms) |",
  );
  console.log(
    "|-----------|------------|-------|----------|-------------------|-----------------|----------|----------|",
  );
  for (const r of rows) {
    console.log(
      `| ${r.broker.padEnd(9)} | ${r.database.padEnd(10)} | ${String(r.nodes).padStart(5)} | ${String(r.acked).padStart(8)} | ${r.seconds.toFixed(1).padStart(17)} | ${r.perSecond.toFixed(0).padStart(15)} | ${String(r.p50).padStart(8)} | ${String(r.p95).padStart(8)} |`,
    );
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
