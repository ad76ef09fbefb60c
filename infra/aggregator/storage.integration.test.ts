import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "../../test/support/postgres";
import { recordsToCsv } from "./csv";
import { openDatabase } from "./database";
import { migrateAggregator } from "./schema";
import { TelemetryStore } from "./store";
import type { Sql } from "./types";

type Db = Sql & { close(): Promise<void> };
let postgres: TestPostgres | undefined;

afterAll(async () => {
  await postgres?.stop();
});

const T0 = Date.parse("2026-01-01T00:00:00.000Z");

describe.each([
  ["PGlite", async () => openDatabase({})],
  [
    "PostgreSQL",
    async () => {
      postgres = await startPostgres();
      return openDatabase({ url: postgres.url });
    },
  ],
])("telemetry store on %s", (_name, open) => {
  let db: Db;
  let store: TelemetryStore;

  beforeAll(async () => {
    db = await open();
    await migrateAggregator(db);
    await migrateAggregator(db); // idempotent: a restart applies it again
    store = new TelemetryStore(db, { flushIntervalMs: 20, flushMaxRecords: 500, retentionDays: 30 });
  });
  afterAll(async () => {
    await store?.close();
    await db?.close();
  });

  it("stores every buffered record, in batches", async () => {
    let batches = 0;
    const off = store.onFlushed(() => (batches += 1));
    // 1200 records: two full batches of 500 and a timed flush of 200; values 0..119 per node, one per second.
    for (let i = 0; i < 120; i++) {
      for (let n = 0; n < 10; n++) {
        store.add({
          swarmId: "farm",
          nodeId: `node-${n}`,
          kind: "telemetry",
          ts: T0 + i * 1000,
          record: { temperature: i, n },
        });
      }
    }
    await store.flush();
    off();
    expect(await store.count("farm")).toBe(1200);
    expect(batches).toBeGreaterThanOrEqual(3);
  });

  it("answers time buckets with min, max, avg and count", async () => {
    // node-3, temperature = seconds since T0 for 0..119 s; 4 buckets of 30 s.
    const buckets = await store.history({
      swarmId: "farm",
      nodeId: "node-3",
      field: "temperature",
      from: new Date(T0),
      to: new Date(T0 + 120_000),
      buckets: 4,
    });
    expect(buckets).toEqual([
      { t: "2026-01-01T00:00:00.000Z", min: 0, max: 29, avg: 14.5, count: 30 },
      { t: "2026-01-01T00:00:30.000Z", min: 30, max: 59, avg: 44.5, count: 30 },
      { t: "2026-01-01T00:01:00.000Z", min: 60, max: 89, avg: 74.5, count: 30 },
      { t: "2026-01-01T00:01:30.000Z", min: 90, max: 119, avg: 104.5, count: 30 },
    ]);
    await expect(
      store.history({
        swarmId: "farm",
        nodeId: "node-3",
        field: "temperature",
        from: new Date(T0),
        to: new Date(T0),
        buckets: 4,
      }),
    ).rejects.toThrow("`to` must be after `from`");
  });

  it("skips non-numeric values and empty buckets", async () => {
    store.add({ swarmId: "farm", nodeId: "odd", kind: "telemetry", ts: T0, record: { temperature: "hot" } });
    store.add({ swarmId: "farm", nodeId: "odd", kind: "telemetry", ts: T0 + 90_000, record: { temperature: 7 } });
    await store.flush();
    const buckets = await store.history({
      swarmId: "farm",
      nodeId: "odd",
      field: "temperature",
      from: new Date(T0),
      to: new Date(T0 + 120_000),
      buckets: 4,
    });
    expect(buckets).toEqual([{ t: "2026-01-01T00:01:30.000Z", min: 7, max: 7, avg: 7, count: 1 }]);
  });

  it("returns the latest record per node", async () => {
    const latest = await store.latest("farm");
    expect(latest).toHaveLength(11);
    expect(latest.find((r) => r.nodeId === "node-4")).toEqual({
      nodeId: "node-4",
      kind: "telemetry",
      ts: "2026-01-01T00:01:59.000Z",
      record: { temperature: 119, n: 4 },
    });
  });

  it("exports a range as CSV", async () => {
    const rows = await store.range("farm", new Date(T0), new Date(T0 + 2000), "node-1");
    expect(recordsToCsv(rows)).toBe(
      "ts,node,kind,n,temperature\r\n2026-01-01T00:00:00.000Z,node-1,telemetry,1,0\r\n2026-01-01T00:00:01.000Z,node-1,telemetry,1,1\r\n",
    );
  });

  it("deletes rows older than the retention period", async () => {
    store.add({ swarmId: "farm", nodeId: "fresh", kind: "telemetry", ts: T0 + 40 * 86_400_000, record: { v: 1 } });
    await store.flush();
    // 40 days after T0 with 30 days of retention: everything but the fresh row is gone.
    const deleted = await store.deleteExpired(T0 + 40 * 86_400_000);
    expect(deleted).toBe(1202);
    expect(await store.count("farm")).toBe(1);
  });
});
