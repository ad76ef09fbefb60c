import { describe, expect, it } from "vitest";
import { TelemetryStore } from "./store";
import type { IncomingRecord, Sql } from "./types";

/** A database whose INSERTs wait until the test releases them, recording each batch's node ids. */
function gatedDatabase() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  let failNext = false;
  const sql: Sql = {
    exec: async () => undefined,
    query: async <Row>(_text: string, params?: unknown[]) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (failNext) {
        failNext = false;
        throw new Error("connection reset");
      }
      batches.push((params?.[1] as string[]) ?? []);
      return [] as Row[];
    },
  };
  // Releases every write that starts within a few turns of the event loop (a write starts a few promise hops after
  // the flush that asked for it).
  const releaseAll = async () => {
    for (let turn = 0; turn < 10; turn++) {
      while (gates.length > 0) gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { sql, batches, gates, releaseAll, failNextWrite: () => (failNext = true) };
}

const record = (nodeId: string): IncomingRecord => ({ swarmId: "s", nodeId, kind: "telemetry", ts: 0, record: {} });

describe("TelemetryStore write path", () => {
  it("writes what arrives during a write as one batch right after it", async () => {
    const db = gatedDatabase();
    const store = new TelemetryStore(db.sql, { flushIntervalMs: 60_000, flushMaxRecords: 100 });
    store.add(record("a"));
    const first = store.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.gates).toHaveLength(1); // the write of "a" is running
    for (const id of ["b", "c", "d"]) store.add(record(id));
    await db.releaseAll();
    await first;
    await db.releaseAll();
    // No flush() and a 60 s timer: the three were written because a write had just finished.
    expect(db.batches).toEqual([["a"], ["b", "c", "d"]]);
    expect(store.pending).toBe(0);
    await store.close();
  });

  it("splits a backlog into batches of at most flushMaxRecords, and flush waits for all of it", async () => {
    const db = gatedDatabase();
    const store = new TelemetryStore(db.sql, { flushIntervalMs: 60_000, flushMaxRecords: 2 });
    for (const id of ["a", "b", "c", "d", "e"]) store.add(record(id));
    let flushed = false;
    const done = store.flush().then(() => (flushed = true));
    await db.releaseAll();
    await done;
    expect(flushed).toBe(true);
    expect(db.batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(store.pending).toBe(0);
    await store.close();
  });

  it("keeps a failed batch, in order, and stores it with the next write", async () => {
    const db = gatedDatabase();
    const logged: string[] = [];
    const store = new TelemetryStore(db.sql, { flushIntervalMs: 60_000, log: (m) => logged.push(m) });
    store.add(record("a"));
    db.failNextWrite();
    const failed = store.flush();
    await db.releaseAll();
    await expect(failed).rejects.toThrow("connection reset");
    expect(logged[0]).toMatch(/write of 1 records failed, retrying: connection reset/);
    store.add(record("b"));
    const retried = store.flush();
    await db.releaseAll();
    await retried;
    expect(db.batches).toEqual([["a", "b"]]);
    await store.close();
  });
});
