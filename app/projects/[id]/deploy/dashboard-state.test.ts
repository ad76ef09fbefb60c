import { describe, expect, it } from "vitest";
import type { Alert } from "@/infra/aggregator/types";
import {
  applyStreamEvent,
  chartSeries,
  csvUrl,
  dashboardNodes,
  initialDashboard,
  liveLimit,
  numericFields,
  rangeWindow,
  withSnapshot,
  type DashboardState,
} from "./dashboard-state";

const alert = (id: number, extra: Partial<Alert> = {}): Alert => ({
  id,
  swarmId: "s",
  nodeId: "n1",
  ruleKey: "temperature > 0",
  message: `alert ${id}`,
  value: 21,
  firedAt: "2026-01-01T00:00:00.000Z",
  clearedAt: null,
  ackedAt: null,
  ...extra,
});

const record = (nodeId: string, ts: string, values: Record<string, unknown>) =>
  ({ type: "record", swarmId: "s", nodeId, kind: "telemetry", ts, record: values }) as const;

describe("initialDashboard", () => {
  it("lists every spec node, silent ones as offline with no values, and newest alerts first", () => {
    const state = initialDashboard(
      ["n1", "n2"],
      {
        nodes: [{ nodeId: "n1", online: true, lastSeen: "2026-01-01T00:00:05.000Z", reason: "data" }],
        latest: [{ nodeId: "n1", kind: "telemetry", ts: "2026-01-01T00:00:05.000Z", record: { temperature: 21.5 } }],
      },
      [alert(1), alert(3), alert(2)],
    );
    expect(state.nodes.n1).toMatchObject({ online: true, values: { temperature: 21.5 } });
    expect(state.nodes.n2).toMatchObject({ online: false, values: {}, updatedAt: null });
    expect(state.alerts.map((a) => a.id)).toEqual([3, 2, 1]);
  });
});

describe("withSnapshot", () => {
  it("keeps what the stream brought before the snapshot arrived: newer values and an acknowledgement", () => {
    let state = initialDashboard(["n1"], { nodes: [], latest: [] }, []);
    state = applyStreamEvent(state, record("n1", "2026-01-01T00:00:09.000Z", { temperature: 25 }));
    state = applyStreamEvent(state, { type: "alert", alert: alert(1, { ackedAt: "2026-01-01T00:00:09.000Z" }) });
    state = withSnapshot(
      state,
      {
        nodes: [],
        latest: [{ nodeId: "n1", kind: "telemetry", ts: "2026-01-01T00:00:05.000Z", record: { temperature: 20 } }],
      },
      [alert(1), alert(2)],
    );
    expect(state.nodes.n1.values.temperature).toBe(25);
    expect(state.alerts.map((a) => [a.id, a.ackedAt])).toEqual([
      [2, null],
      [1, "2026-01-01T00:00:09.000Z"],
    ]);
  });
});

const emptyOf = () => initialDashboard([], { nodes: [], latest: [] }, []);

describe("applyStreamEvent", () => {
  const empty = initialDashboard(["n1"], { nodes: [], latest: [] }, []);

  it("merges a record's fields into the node, marks it online and keeps the point for charts", () => {
    let state = applyStreamEvent(empty, record("n1", "2026-01-01T00:00:01.000Z", { temperature: 20, humidity: 40 }));
    state = applyStreamEvent(state, record("n1", "2026-01-01T00:00:02.000Z", { temperature: 22 }));
    expect(state.nodes.n1).toMatchObject({ online: true, values: { temperature: 22, humidity: 40 } });
    expect(state.live.map((p) => p.record.temperature)).toEqual([20, 22]);
  });

  it("adds a node it has not seen (not in the spec) and ignores event records for values", () => {
    let state = applyStreamEvent(empty, record("n9", "2026-01-01T00:00:01.000Z", { temperature: 5 }));
    state = applyStreamEvent(state, { ...record("n1", "2026-01-01T00:00:02.000Z", { boot: 1 }), kind: "event" });
    expect(state.nodes.n9.values).toEqual({ temperature: 5 });
    expect(state.nodes.n1.values).toEqual({});
  });

  it("does not let an older record overwrite a newer value", () => {
    let state = applyStreamEvent(empty, record("n1", "2026-01-01T00:00:05.000Z", { temperature: 30 }));
    state = applyStreamEvent(state, record("n1", "2026-01-01T00:00:01.000Z", { temperature: 10 }));
    expect(state.nodes.n1.values.temperature).toBe(30);
  });

  it("applies node state changes (offline by last will) and keeps the values", () => {
    let state = applyStreamEvent(empty, record("n1", "2026-01-01T00:00:01.000Z", { temperature: 20 }));
    state = applyStreamEvent(state, {
      type: "node",
      state: {
        swarmId: "s",
        nodeId: "n1",
        online: false,
        lastSeen: "2026-01-01T00:00:01.000Z",
        changedAt: "2026-01-01T00:01:00.000Z",
        reason: "last will",
      },
    });
    expect(state.nodes.n1).toMatchObject({ online: false, reason: "last will", values: { temperature: 20 } });
  });

  it("adds a new alert on top and replaces an acknowledged one in place", () => {
    let state: DashboardState = { ...empty, alerts: [alert(1)] };
    state = applyStreamEvent(state, { type: "alert", alert: alert(2) });
    state = applyStreamEvent(state, { type: "alert", alert: alert(1, { ackedAt: "2026-01-01T00:02:00.000Z" }) });
    expect(state.alerts.map((a) => [a.id, a.ackedAt])).toEqual([
      [2, null],
      [1, "2026-01-01T00:02:00.000Z"],
    ]);
  });

  it("shows spec nodes in spec order, blank until heard from, then nodes outside the spec", () => {
    const state = applyStreamEvent(emptyOf(), record("zz", "2026-01-01T00:00:01.000Z", { temperature: 1 }));
    expect(dashboardNodes(state, ["n2", "n1"]).map((n) => [n.nodeId, n.online])).toEqual([
      ["n2", false],
      ["n1", false],
      ["zz", true],
    ]);
  });

  it("caps the live points, dropping the oldest", () => {
    const full: DashboardState = {
      ...empty,
      live: Array.from({ length: liveLimit }, (_, i) => ({ nodeId: "n1", ts: i, record: { temperature: i } })),
    };
    const state = applyStreamEvent(full, record("n1", "2026-01-01T00:00:01.000Z", { temperature: -1 }));
    expect(state.live).toHaveLength(liveLimit);
    expect(state.live[0].ts).toBe(1);
    expect(state.live.at(-1)!.record.temperature).toBe(-1);
  });
});

describe("chart helpers", () => {
  it("lists numeric fields only", () => {
    const state = applyStreamEvent(
      initialDashboard(["n1"], { nodes: [], latest: [] }, []),
      record("n1", "2026-01-01T00:00:01.000Z", { temperature: 20, label: "x", humidity: 3 }),
    );
    expect(numericFields(state)).toEqual(["humidity", "temperature"]);
    expect(numericFields(state, ["temperature", "pressure", "temperature"])).toEqual(["temperature", "humidity"]);
  });

  it("plots history averages, then only this node's live values after the history's end", () => {
    const live = [
      { nodeId: "n1", ts: Date.parse("2026-01-01T00:00:30.000Z"), record: { temperature: 99 } }, // inside history
      { nodeId: "n1", ts: Date.parse("2026-01-01T00:01:10.000Z"), record: { temperature: 25 } },
      { nodeId: "n2", ts: Date.parse("2026-01-01T00:01:20.000Z"), record: { temperature: 50 } },
      { nodeId: "n1", ts: Date.parse("2026-01-01T00:01:30.000Z"), record: { humidity: 1 } },
    ];
    const [xs, ys] = chartSeries(
      [{ t: "2026-01-01T00:00:00.000Z", avg: 20 }],
      live,
      "n1",
      "temperature",
      "2026-01-01T00:01:00.000Z",
    );
    expect(xs).toEqual([Date.parse("2026-01-01T00:00:00.000Z") / 1000, Date.parse("2026-01-01T00:01:10.000Z") / 1000]);
    expect(ys).toEqual([20, 25]);
  });

  it("computes a range's window and the CSV address", () => {
    const now = Date.parse("2026-01-01T12:00:00.000Z");
    const window = rangeWindow("1h", now);
    expect(window).toEqual({ from: "2026-01-01T11:00:00.000Z", to: "2026-01-01T12:00:00.000Z" });
    expect(csvUrl("p1", window, "n1")).toBe(
      "/api/projects/p1/telemetry.csv?from=2026-01-01T11%3A00%3A00.000Z&to=2026-01-01T12%3A00%3A00.000Z&nodeId=n1",
    );
  });
});
