/**
 * bench/ingest: sustained MQTT ingest into the aggregator (messages/s persisted, p95 from publish to queryable)
 * through the embedded Aedes broker and through a real Mosquitto, on PGlite and on PostgreSQL, for 100 and 1,000
 * node ids, plus each database's raw insert rate through the same write path in the same process (the ceiling).
 * Load comes from a few gateway connections, each its own process publishing for many node ids (1,000 sockets and
 * 1,000 scrypt logins would measure the load generator, not the ingest path); the CPU columns say which process
 * used how much of a core, since on a small shared machine they all compete.
 * Run: npm run bench:ingest   BENCH_SECONDS (per cell, default 10), BENCH_CONNECTIONS (4), BENCH_WINDOW (200),
 * and filters BENCH_BROKERS=aedes,mosquitto BENCH_DATABASES=PGlite,PostgreSQL BENCH_NODES=100,1000.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../infra/aggregator/database";
import { migrateAggregator } from "../../infra/aggregator/schema";
import { startMosquitto } from "../../infra/aggregator/mosquitto.testing";
import type { Sql } from "../../infra/aggregator/types";
import { startPostgres } from "../../test/support/postgres";
import { findServerPid, loadAverage } from "./cpu";
import { AGGREGATOR_PASSWORD, GATEWAY_PASSWORD, measureCell, measureRawInsert, SWARM, type Row } from "./measure";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const RAW_ROWS = Number(process.env.BENCH_RAW_ROWS ?? 100_000);
const list = (name: string, all: string[]) => (process.env[name]?.split(",") ?? all).filter((x) => all.includes(x));
const BROKERS = list("BENCH_BROKERS", ["aedes", "mosquitto"]) as ("aedes" | "mosquitto")[];
const DATABASES = list("BENCH_DATABASES", ["PGlite", "PostgreSQL"]);
const NODES = list("BENCH_NODES", ["100", "1000"]).map(Number);

/** Messages persisted per second of CPU spent by the aggregator, broker and database (publishers not counted). */
const perServerCore = (r: Row) => r.perSecond / (r.cpu.aggregator + (r.cpu.broker ?? 0) + (r.cpu.database ?? 0));
const pct = (share: number | null) => (share === null ? "-" : `${Math.round(share * 100)}%`);

function printTable(rows: Row[], loadBefore: string, loadAfter: string): void {
  console.log(
    `\nbench/ingest: ${SECONDS} s per cell, ${CONNECTIONS} publisher processes, ${WINDOW} QoS 1 messages in flight` +
      ` each; load average ${loadBefore} before, ${loadAfter} after (${CONNECTIONS} publishers + this process on 2` +
      " cores shared with others). CPU = share of one core over the cell; msg/s per server core = msg/s persisted ÷" +
      " the CPU of aggregator + broker + database, what one dedicated core would sustain.\n",
  );
  const head = [
    "broker",
    "database",
    "nodes",
    "messages",
    "time (s)",
    "msg/s persisted",
    "÷ raw",
    "p50 ms",
    "p95 ms",
    "rows/INSERT",
    "max backlog",
  ];
  const cpuHead = ["CPU aggregator", "CPU publishers", "CPU broker", "CPU database", "msg/s per server core"];
  console.log(`| ${[...head, ...cpuHead].join(" | ")} |`);
  console.log(`|${[...head, ...cpuHead].map(() => "---").join("|")}|`);
  const raw = new Map(rows.filter((r) => r.broker === "(none)").map((r) => [r.database, r.perSecond]));
  for (const r of rows) {
    const ceiling = raw.get(r.database);
    const cells = [
      r.broker === "(none)" ? "raw insert" : r.broker,
      r.database,
      String(r.nodes),
      String(r.messages),
      r.seconds.toFixed(1),
      r.perSecond.toFixed(0),
      r.broker === "(none)" || !ceiling ? "-" : `${Math.round((r.perSecond / ceiling) * 100)}%`,
      Number.isNaN(r.p50) ? "-" : String(r.p50),
      Number.isNaN(r.p95) ? "-" : String(r.p95),
      Number.isNaN(r.rowsPerInsert) ? "-" : r.rowsPerInsert.toFixed(0),
      Number.isNaN(r.maxPending) ? "-" : String(r.maxPending),
      pct(r.cpu.aggregator),
      pct(r.cpu.publishers),
      r.broker === "aedes" ? "(in aggregator)" : pct(r.cpu.broker),
      r.database === "PGlite" ? "(in aggregator)" : pct(r.cpu.database),
      perServerCore(r).toFixed(0),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

async function main() {
  const loadBefore = loadAverage();
  const gateways = Array.from({ length: CONNECTIONS }, (_, i) => `gw-${i}`);
  const users = Object.fromEntries([
    ...gateways.map((g) => [g, GATEWAY_PASSWORD]),
    ["aggregator", AGGREGATOR_PASSWORD],
  ]);
  const mosquitto = BROKERS.includes("mosquitto") ? await startMosquitto(SWARM, users, gateways) : null;
  const postgres = DATABASES.includes("PostgreSQL") ? await startPostgres() : null;
  const databases: [string, Sql & { close(): Promise<void> }, number | null][] = [];
  // PGlite on disk, as the aggregator runs it (AGGREGATOR_DATA_DIR), not in memory.
  const pgliteDir = await mkdtemp(path.join(os.tmpdir(), "bench-ingest-pglite-"));
  if (DATABASES.includes("PGlite")) databases.push(["PGlite", await openDatabase({ dataDir: pgliteDir }), null]);
  if (postgres) {
    const postmaster = findServerPid("postgres", Number(new URL(postgres.url).port));
    databases.push(["PostgreSQL", await openDatabase({ url: postgres.url }), postmaster]);
  }
  const rows: Row[] = [];
  try {
    for (const [database, sql, databasePid] of databases) {
      // The schema comes with the first aggregator; the raw row needs it before that.
      await migrateAggregator(sql);
      rows.push(await measureRawInsert(database, sql, RAW_ROWS, databasePid));
      for (const broker of BROKERS) {
        for (const nodes of NODES) {
          const mqtt = mosquitto ? { url: mosquitto.url, port: mosquitto.port, pid: mosquitto.pid } : undefined;
          const cell = { broker, database, sql, nodes, connections: CONNECTIONS, window: WINDOW, seconds: SECONDS };
          rows.push(await measureCell({ ...cell, mosquitto: mqtt, databasePid }));
        }
      }
    }
  } finally {
    for (const [, sql] of databases) await sql.close();
    await postgres?.stop();
    await rm(pgliteDir, { recursive: true, force: true });
    await mosquitto?.stop();
  }
  printTable(rows, loadBefore, loadAverage());
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
