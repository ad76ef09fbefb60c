/** One cell of bench/ingest: publishers in their own processes → broker → aggregator → database. */
import { fork, type ChildProcess } from "node:child_process";
import { Aggregator, type BrokerChoice } from "../../infra/aggregator/aggregator";
import { TelemetryStore } from "../../infra/aggregator/store";
import type { Sql } from "../../infra/aggregator/types";
import { treeCpuMs } from "./cpu";
import type { PublisherJob, PublisherReport } from "./publisher";

export const SWARM = "bench";
export const GATEWAY_PASSWORD = "bench-gateway-password";
export const AGGREGATOR_PASSWORD = "bench-aggregator-password";

export interface Cell {
  broker: "aedes" | "mosquitto";
  database: string;
  sql: Sql;
  nodes: number;
  connections: number;
  window: number;
  seconds: number;
  mosquitto?: { url: string; port: number; pid: number | null };
  /** The PostgreSQL postmaster, whose backends' CPU time counts as the database's. */
  databasePid?: number | null;
}

export interface Row {
  broker: string;
  database: string;
  nodes: number;
  messages: number;
  /** From the first publish until the last acknowledged message was stored. */
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Mean batch size, and the most records waiting in the aggregator's write buffer at a 100 ms sample. */
  rowsPerInsert: number;
  maxPending: number;
  /** CPU time over the cell as a share of one core: this process, the publishers, the broker, the database. */
  cpu: { aggregator: number; publishers: number; broker: number | null; database: number | null };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

function startPublisher(job: PublisherJob): Promise<{ child: ChildProcess; result: Promise<number[]> }> {
  const child = fork(new URL("./publisher.ts", import.meta.url).pathname, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let done: (value: number[]) => void = () => undefined;
    let fail: (error: Error) => void = reject;
    const result = new Promise<number[]>((res, rej) => {
      done = res;
      fail = rej;
    });
    child.on("message", (m: PublisherReport) => {
      if ("ready" in m) resolve({ child, result });
      else if ("error" in m) {
        reject(new Error(`publisher ${job.username}: ${m.error}`));
        fail(new Error(`publisher ${job.username}: ${m.error}`));
      } else done([m.acked, m.cpuMs]);
    });
    child.once("exit", (code) => {
      const error = new Error(`publisher ${job.username} exited with ${code} before reporting`);
      reject(error);
      fail(error);
    });
    child.send(job);
  });
}

export async function measureCell(cell: Cell): Promise<Row> {
  const { broker, database, sql, nodes } = cell;
  await sql.exec("TRUNCATE aggregator_telemetry").catch(() => undefined);
  const choice: BrokerChoice =
    broker === "aedes"
      ? { kind: "embedded", host: "127.0.0.1", port: 0 }
      : { kind: "external", url: `mqtt://aggregator:${AGGREGATOR_PASSWORD}@127.0.0.1:${cell.mosquitto?.port}` };
  const aggregator = await Aggregator.start({
    sql,
    swarmIds: [SWARM],
    broker: choice,
    clientId: `bench-${broker}-${database}-${nodes}`,
  });
  const latencies: number[] = [];
  let batches = 0;
  let maxPending = 0;
  const sampler = setInterval(() => (maxPending = Math.max(maxPending, aggregator.store.pending)), 100);
  aggregator.store.onFlushed((batch) => {
    batches += 1;
    const now = Date.now();
    for (const r of batch) latencies.push(now - Number(r.record.sent));
  });
  const publishers: ChildProcess[] = [];
  try {
    const url = broker === "aedes" ? (aggregator.broker?.url ?? "") : (cell.mosquitto?.url ?? "");
    const nodeIds = Array.from({ length: nodes }, (_, i) => `node-${i}`);
    const started = [];
    for (let i = 0; i < cell.connections; i++) {
      if (broker === "aedes") await aggregator.setNodeCredential(SWARM, `gw-${i}`, GATEWAY_PASSWORD, "gateway");
      started.push(
        startPublisher({
          url,
          username: `gw-${i}`,
          password: GATEWAY_PASSWORD,
          swarmId: SWARM,
          nodeIds: nodeIds.filter((_, n) => n % cell.connections === i),
          window: cell.window,
          durationMs: cell.seconds * 1000,
        }),
      );
    }
    // Every publisher is connected before the clock starts: process start-up is not ingest time.
    const ready = await Promise.all(started);
    publishers.push(...ready.map((p) => p.child));
    const brokerPid = broker === "mosquitto" ? (cell.mosquitto?.pid ?? null) : null;
    const cpuBefore = process.cpuUsage();
    const brokerBefore = brokerPid ? treeCpuMs(brokerPid) : 0;
    const databaseBefore = cell.databasePid ? treeCpuMs(cell.databasePid) : 0;
    const start = Date.now();
    for (const p of ready) p.child.send("go");
    const results = await Promise.all(ready.map((p) => p.result));
    const acked = results.reduce((a, [n]) => a + (n ?? 0), 0);
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
    if (stored !== acked) throw new Error(`${broker}/${database}/${nodes}: ${acked} acknowledged but ${stored} stored`);
    const ms = Date.now() - start;
    const own = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    const share = (cpuMs: number) => cpuMs / ms;
    const row: Row = {
      broker,
      database,
      nodes,
      messages: acked,
      seconds: ms / 1000,
      perSecond: (stored * 1000) / ms,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      rowsPerInsert: acked / Math.max(1, batches),
      maxPending,
      cpu: {
        aggregator: share((own.user + own.system) / 1000),
        publishers: share(results.reduce((a, [, c]) => a + (c ?? 0), 0)),
        broker: brokerPid ? share(treeCpuMs(brokerPid) - brokerBefore) : null,
        database: cell.databasePid ? share(treeCpuMs(cell.databasePid) - databaseBefore) : null,
      },
    };
    console.error(
      `  ${broker} ${database} ${nodes} nodes: ${row.perSecond.toFixed(0)} msg/s, p95 ${row.p95} ms,` +
        ` ${row.rowsPerInsert.toFixed(0)} rows per INSERT, at most ${maxPending} waiting to be written`,
    );
    return row;
  } finally {
    clearInterval(sampler);
    for (const child of publishers) if (child.exitCode === null) child.kill();
    await aggregator.close();
  }
}

/**
 * The ceiling for a database: the aggregator's own write path (TelemetryStore, same batching) fed directly in this
 * process, no MQTT. `msg/s persisted ÷ this` says how much of the database's speed the MQTT side delivers.
 */
export async function measureRawInsert(database: string, sql: Sql, count: number, databasePid?: number | null) {
  await sql.exec("TRUNCATE aggregator_telemetry").catch(() => undefined);
  const store = new TelemetryStore(sql);
  const cpuBefore = process.cpuUsage();
  const databaseBefore = databasePid ? treeCpuMs(databasePid) : 0;
  const start = Date.now();
  for (let seq = 0; seq < count; seq++) {
    const record = { seq, sent: Date.now(), temperature: 20 + (seq % 10), humidity: 55 };
    store.add({ swarmId: SWARM, nodeId: `node-${seq % 1000}`, kind: "telemetry", ts: Date.now(), record });
    // Yield now and then, as a stream of messages would, so batches are written while more arrive.
    if (seq % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
  }
  await store.close();
  const ms = Date.now() - start;
  const stored = await store.count(SWARM);
  if (stored !== count) throw new Error(`raw insert into ${database}: ${count} added, ${stored} stored`);
  const own = process.cpuUsage(cpuBefore);
  const row: Row = {
    broker: "(none)",
    database,
    nodes: 1000,
    messages: count,
    seconds: ms / 1000,
    perSecond: (count * 1000) / ms,
    p50: NaN,
    p95: NaN,
    rowsPerInsert: NaN,
    maxPending: NaN,
    cpu: {
      aggregator: (own.user + own.system) / 1000 / ms,
      publishers: 0,
      broker: null,
      database: databasePid ? (treeCpuMs(databasePid) - databaseBefore) / ms : null,
    },
  };
  console.error(`  raw insert ${database}: ${row.perSecond.toFixed(0)} rows/s`);
  return row;
}
