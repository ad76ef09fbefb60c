import { describe, expect, it } from "vitest";
import { AlertEngine } from "./alert-engine";
import type { AlertStore } from "./alert-store";
import type { Alert } from "./types";

/** An in-memory stand-in for aggregator_alert with the same one-active-per-rule-and-node rule. */
function memoryStore() {
  const rows: Alert[] = [];
  const store = {
    fire: async (a: { swarmId: string; nodeId: string; ruleKey: string; message: string; value: number | null }) => {
      if (rows.some((r) => r.ruleKey === a.ruleKey && r.nodeId === a.nodeId && !r.clearedAt)) return null;
      const alert: Alert = { id: rows.length + 1, ...a, firedAt: "t", clearedAt: null, ackedAt: null };
      rows.push(alert);
      return alert;
    },
    clear: async (_swarmId: string, ruleKey: string, nodeId: string) => {
      const row = rows.find((r) => r.ruleKey === ruleKey && r.nodeId === nodeId && !r.clearedAt);
      if (row) row.clearedAt = "t";
      return row ?? null;
    },
    list: async () => rows.filter((r) => !r.clearedAt),
  };
  return { rows, store: store as unknown as AlertStore };
}

function engine(rules: { when: string; then: string }[]) {
  const { rows, store } = memoryStore();
  const changes: string[] = [];
  const e = new AlertEngine(
    "farm",
    store,
    (alert, change) => changes.push(`${change} ${alert.nodeId}`),
    () => undefined,
  );
  expect(e.setRules(rules)).toEqual([]);
  return { e, rows, changes };
}

describe("AlertEngine", () => {
  it("fires a rate rule when the rise within the period exceeds the amount, and clears it", async () => {
    const { e, rows, changes } = engine([{ when: "temperature rises more than 5 per minute", then: "alarm" }]);
    const t0 = 1_000_000;
    e.onTelemetry("n1", t0, { temperature: 20 });
    e.onTelemetry("n1", t0 + 20_000, { temperature: 23 });
    e.onTelemetry("n1", t0 + 40_000, { temperature: 25.5 }); // +5.5 within a minute
    e.onTelemetry("n1", t0 + 50_000, { temperature: 26 }); // still rising: no second alert
    await e.settled();
    expect(changes).toEqual(["fired n1"]);
    expect(rows[0]?.value).toBe(25.5);
    // Two minutes later the window holds only steady values.
    e.onTelemetry("n1", t0 + 170_000, { temperature: 26 });
    e.onTelemetry("n1", t0 + 180_000, { temperature: 26.5 });
    await e.settled();
    expect(changes).toEqual(["fired n1", "cleared n1"]);
  });

  it("does not count a slow rise spread over more than the period", async () => {
    const { e, changes } = engine([{ when: "level rises more than 5 per minute", then: "alarm" }]);
    for (let i = 0; i < 10; i++) e.onTelemetry("n1", i * 30_000, { level: i * 2 }); // 4 per minute
    await e.settled();
    expect(changes).toEqual([]);
  });

  it("fires absence per node from the clock and clears it when data comes back", async () => {
    const { e, changes } = engine([{ when: "no data from n2 for 10 s", then: "check n2" }]);
    const seen = new Map([["n2", 0]]);
    e.onTick(9_000, seen);
    await e.settled();
    expect(changes).toEqual([]);
    e.onTick(11_000, seen);
    e.onTick(12_000, seen);
    await e.settled();
    expect(changes).toEqual(["fired n2"]);
    e.onTelemetry("n2", 13_000, { v: 1 });
    await e.settled();
    expect(changes).toEqual(["fired n2", "cleared n2"]);
  });

  it("watches a named node that never reported from the first tick", async () => {
    const { e, changes } = engine([{ when: "no data from ghost for 5 s", then: "" }]);
    e.onTick(100_000, new Map());
    e.onTick(104_000, new Map());
    await e.settled();
    expect(changes).toEqual([]);
    e.onTick(106_000, new Map());
    await e.settled();
    expect(changes).toEqual(["fired ghost"]);
  });

  it("applies a threshold rule only to its node and ignores records without the field", async () => {
    const { e, changes } = engine([{ when: "temperature > 30 on n1", then: "vents" }]);
    e.onTelemetry("n2", 1, { temperature: 40 });
    e.onTelemetry("n1", 2, { humidity: 99 });
    e.onTelemetry("n1", 3, { temperature: "hot" });
    await e.settled();
    expect(changes).toEqual([]);
    e.onTelemetry("n1", 4, { temperature: 31 });
    await e.settled();
    expect(changes).toEqual(["fired n1"]);
  });
});
