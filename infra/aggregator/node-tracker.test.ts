import { describe, expect, it } from "vitest";
import { NodeTracker } from "./node-tracker";
import type { Sql } from "./types";

function recordingDatabase() {
  const writes: unknown[][] = [];
  const sql: Sql = {
    exec: async () => undefined,
    query: async <Row>(_text: string, params?: unknown[]) => {
      writes.push(params ?? []);
      return [] as Row[];
    },
  };
  return { sql, writes };
}

describe("NodeTracker state writes", () => {
  it("stores the changes of one turn in one statement, the newest state per node", async () => {
    const db = recordingDatabase();
    const tracker = new NodeTracker(
      "farm",
      db.sql,
      () => undefined,
      () => undefined,
    );
    for (let n = 0; n < 3; n++) tracker.seen(`node-${n}`, 1_000);
    tracker.event("node-1", 2_000, { event: "offline" });
    tracker.event("node-1", 2_500, { event: "offline" });
    await tracker.settled();
    await tracker.settled();
    expect(db.writes).toHaveLength(1);
    const [swarm, nodes, online, , , reasons] = db.writes[0] as [
      string,
      string[],
      boolean[],
      unknown,
      unknown,
      string[],
    ];
    expect(swarm).toBe("farm");
    expect(nodes).toEqual(["node-0", "node-1", "node-2"]);
    expect(online).toEqual([true, false, true]);
    expect(reasons[1]).toBe("last will / offline event");
  });

  it("writes a later change after the earlier one", async () => {
    const db = recordingDatabase();
    const tracker = new NodeTracker(
      "farm",
      db.sql,
      () => undefined,
      () => undefined,
    );
    tracker.seen("node-0", 1_000);
    await tracker.settled();
    tracker.event("node-0", 2_000, { event: "offline" });
    await tracker.settled();
    expect(db.writes.map((w) => w[2])).toEqual([[true], [false]]);
  });

  it("logs a failed write with the nodes it concerned", async () => {
    const logged: string[] = [];
    const sql: Sql = { exec: async () => undefined, query: async () => Promise.reject(new Error("disk full")) };
    const tracker = new NodeTracker(
      "farm",
      sql,
      () => undefined,
      (m) => logged.push(m),
    );
    tracker.seen("node-7", 1_000);
    await tracker.settled();
    expect(logged).toEqual(["node state of node-7 not stored: disk full"]);
  });
});
