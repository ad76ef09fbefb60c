import type { Alert, AggregatorEvent, NodeState, StoredRecord } from "@/infra/aggregator/types";

/** One node as the dashboard shows it: online state and its newest value of every field. */
export interface DashboardNode {
  nodeId: string;
  online: boolean;
  lastSeen: string | null;
  reason: string;
  /** Newest telemetry record received (ISO 8601), and its fields. */
  updatedAt: string | null;
  values: Record<string, unknown>;
}

/** A live telemetry point, for appending to a chart after the history it was fetched with. */
export interface LivePoint {
  nodeId: string;
  /** ms since epoch. */
  ts: number;
  record: Record<string, unknown>;
}

export interface DashboardState {
  nodes: Record<string, DashboardNode>;
  /** Newest first. */
  alerts: Alert[];
  /** Oldest first; capped at `liveLimit` (uPlot stays smooth far beyond it). */
  live: LivePoint[];
}

export const liveLimit = 100_000;

type NodeSummary = Pick<NodeState, "nodeId" | "online" | "lastSeen" | "reason">;

function blankNode(nodeId: string): DashboardNode {
  return { nodeId, online: false, lastSeen: null, reason: "no data yet", updatedAt: null, values: {} };
}

/** Every spec node, none heard from yet (so a silent node shows as such). */
export function emptyDashboard(specNodeIds: readonly string[]): DashboardState {
  const nodes: Record<string, DashboardNode> = {};
  for (const nodeId of specNodeIds) nodes[nodeId] = blankNode(nodeId);
  return { nodes, alerts: [], live: [] };
}

/**
 * Folds the server's answers (node states, each node's newest stored record, the alert list) into a state
 * the stream may already have advanced: newer values and alert changes the stream brought are kept.
 */
export function withSnapshot(
  state: DashboardState,
  snapshot: { nodes: NodeSummary[]; latest: StoredRecord[] },
  alerts: Alert[],
): DashboardState {
  const nodes = { ...state.nodes };
  for (const node of snapshot.nodes) nodes[node.nodeId] = withNodeState(nodes[node.nodeId], node);
  for (const record of snapshot.latest) {
    if (record.kind !== "telemetry") continue;
    nodes[record.nodeId] = withRecord(nodes[record.nodeId] ?? blankNode(record.nodeId), record.ts, record.record);
  }
  const known = new Set(state.alerts.map((a) => a.id));
  return { ...state, nodes, alerts: sortAlerts([...state.alerts, ...alerts.filter((a) => !known.has(a.id))]) };
}

/** The state from the server's answers alone. */
export function initialDashboard(
  specNodeIds: readonly string[],
  snapshot: { nodes: NodeSummary[]; latest: StoredRecord[] },
  alerts: Alert[],
): DashboardState {
  return withSnapshot(emptyDashboard(specNodeIds), snapshot, alerts);
}

function withNodeState(node: DashboardNode | undefined, state: NodeSummary): DashboardNode {
  const base = node ?? blankNode(state.nodeId);
  return { ...base, online: state.online, lastSeen: state.lastSeen, reason: state.reason };
}

function withRecord(node: DashboardNode, ts: string, record: Record<string, unknown>): DashboardNode {
  // A stale record (older than what is shown) must not overwrite newer values.
  if (node.updatedAt && Date.parse(ts) < Date.parse(node.updatedAt)) return node;
  return { ...node, updatedAt: ts, values: { ...node.values, ...record } };
}

function sortAlerts(alerts: Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.id - a.id);
}

/** The nodes to show: every spec node in spec order (silent ones blank), then any other node heard from. */
export function dashboardNodes(state: DashboardState, specNodeIds: readonly string[]): DashboardNode[] {
  const extra = Object.keys(state.nodes)
    .filter((id) => !specNodeIds.includes(id))
    .sort();
  return [...specNodeIds, ...extra].map((id) => state.nodes[id] ?? blankNode(id));
}

/** Folds one event of telemetry.stream into the state; events of unknown type leave it unchanged. */
export function applyStreamEvent(state: DashboardState, event: AggregatorEvent): DashboardState {
  switch (event.type) {
    case "record": {
      if (event.kind !== "telemetry") return state;
      const node = state.nodes[event.nodeId] ?? blankNode(event.nodeId);
      const updated = withRecord({ ...node, online: true, lastSeen: event.ts }, event.ts, event.record);
      const point = { nodeId: event.nodeId, ts: Date.parse(event.ts), record: event.record };
      const live = state.live.length >= liveLimit ? [...state.live.slice(1), point] : [...state.live, point];
      return { ...state, nodes: { ...state.nodes, [event.nodeId]: updated }, live };
    }
    case "node":
      return {
        ...state,
        nodes: { ...state.nodes, [event.state.nodeId]: withNodeState(state.nodes[event.state.nodeId], event.state) },
      };
    case "alert":
      return { ...state, alerts: upsertAlert(state.alerts, event.alert) };
    default:
      return state;
  }
}

/** The alert list with `alert` added, or replacing the one with its id (acknowledged, cleared). */
export function upsertAlert(alerts: Alert[], alert: Alert): Alert[] {
  return sortAlerts([...alerts.filter((a) => a.id !== alert.id), alert]);
}

/** Numeric fields any node has reported: the spec's telemetry fields first (in its order), then the rest sorted. */
export function numericFields(state: DashboardState, preferred: readonly string[] = []): string[] {
  const fields = new Set<string>();
  for (const node of Object.values(state.nodes)) {
    for (const [key, value] of Object.entries(node.values)) if (typeof value === "number") fields.add(key);
  }
  const first = preferred.filter((field, i) => fields.has(field) && preferred.indexOf(field) === i);
  return [...first, ...[...fields].filter((field) => !first.includes(field)).sort()];
}

export const ranges = [
  { id: "15m", label: "Last 15 min", ms: 15 * 60_000 },
  { id: "1h", label: "Last hour", ms: 60 * 60_000 },
  { id: "1d", label: "Last day", ms: 24 * 60 * 60_000 },
] as const;
export type RangeId = (typeof ranges)[number]["id"];

/** [from, to] of a range ending at `now`, as the history query and the CSV route take them. */
export function rangeWindow(range: RangeId, now: number): { from: string; to: string } {
  const span = ranges.find((r) => r.id === range)!.ms;
  return { from: new Date(now - span).toISOString(), to: new Date(now).toISOString() };
}

export interface HistoryBucketView {
  t: string;
  avg: number;
}

/**
 * Chart columns (uPlot: x in seconds, y) for one node's field: the history's bucket averages, then the live
 * points received after the history's end, so nothing is counted twice.
 */
export function chartSeries(
  history: readonly HistoryBucketView[],
  live: readonly LivePoint[],
  nodeId: string,
  field: string,
  historyEnd: string,
): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const bucket of history) {
    xs.push(Date.parse(bucket.t) / 1000);
    ys.push(bucket.avg);
  }
  const end = Date.parse(historyEnd);
  for (const point of live) {
    const value = point.record[field];
    if (point.nodeId !== nodeId || point.ts <= end || typeof value !== "number") continue;
    xs.push(point.ts / 1000);
    ys.push(value);
  }
  return [xs, ys];
}

/** The CSV route's address for a range (and optionally one node). */
export function csvUrl(projectId: string, window: { from: string; to: string }, nodeId?: string): string {
  const query = new URLSearchParams({ from: window.from, to: window.to });
  if (nodeId) query.set("nodeId", nodeId);
  return `/api/projects/${encodeURIComponent(projectId)}/telemetry.csv?${query}`;
}
