/** Folds a simulate-swarm job's events into what the Simulate stage shows: per-node consoles, values, checks, MQTT. */
import { evaluateExpectations } from "@/contracts/expectations-evaluate";
import { parseNodeLine } from "@/contracts/node-lines";
import type { CheckResult, TimedLine } from "@/contracts/simulate";
import type { JobEvent } from "../workspace/diagnostic-events";

export type SimNodeStatus = "queued" | "booting" | "running" | "passed" | "failed" | "unsupported" | "stopped";

export interface SimNodeView {
  nodeId: string;
  status: SimNodeStatus;
  reason: string | null;
  detail: string | null;
  approximateMachine: string | null;
  /** The newest console lines (at most MAX_CONSOLE_LINES). */
  lines: string[];
  /** Every console line ever folded, so a terminal can write only the ones it has not shown. */
  lineCount: number;
  /** Parsed lines for evaluating the node's expectations while it runs (at most MAX_TIMED_LINES). */
  timed: TimedLine[];
  /** The newest `@t` record. */
  latest: Record<string, unknown> | null;
  /** The first numeric reading of the node's telemetry (not its counter) and its last SPARK_POINTS values. */
  series: { field: string; values: number[] } | null;
  /** The worker's verdict on each expectation, once the node has finished. */
  checks: CheckResult[] | null;
}

export interface MqttEntry {
  seq: number;
  direction: "publish" | "command";
  topic: string;
  payload: string;
  nodeId: string | null;
  at: string;
}

export interface SimulationView {
  /** The highest seq folded: the subscription resumes after it and older events are ignored. */
  lastSeq: number;
  nodes: Record<string, SimNodeView>;
  mqtt: MqttEntry[];
  log: string[];
  /** The newest queue event (queued, claimed, succeeded, failed, cancelled…), if any. */
  lifecycle: string | null;
}

export const MAX_CONSOLE_LINES = 2_000;
export const MAX_TIMED_LINES = 5_000;
export const MAX_MQTT_ENTRIES = 500;
export const SPARK_POINTS = 30;

/** Keys of a telemetry record that label it rather than measure anything (the firmware's sample counter too). */
export const bookkeepingKeys = new Set(["id", "node", "nodeId", "seq", "ts", "t", "time"]);

const lifecycleTypes = new Set(["queued", "claimed", "succeeded", "failed", "cancelled", "lease-expired", "released"]);
const statuses = new Set<SimNodeStatus>(["booting", "running", "passed", "failed", "unsupported", "stopped"]);

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const str = (value: unknown) => (typeof value === "string" ? value : null);
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
const keepLast = <T>(items: T[], max: number) => (items.length > max ? items.slice(items.length - max) : items);

export const emptySimulation = (): SimulationView => ({ lastSeq: 0, nodes: {}, mqtt: [], log: [], lifecycle: null });

export const emptyNode = (nodeId: string): SimNodeView => ({
  nodeId,
  status: "queued",
  reason: null,
  detail: null,
  approximateMachine: null,
  lines: [],
  lineCount: 0,
  timed: [],
  latest: null,
  series: null,
  checks: null,
});

function asChecks(value: unknown): CheckResult[] | null {
  if (!Array.isArray(value)) return null;
  return value
    .map(record)
    .filter((c) => typeof c.item === "string" && typeof c.passed === "boolean")
    .map((c) => ({ item: c.item as string, passed: c.passed as boolean, evidence: str(c.evidence) ?? "" }));
}

function applyStatus(node: SimNodeView, data: Record<string, unknown>): SimNodeView {
  const status = str(data.status) as SimNodeStatus | null;
  if (!status || !statuses.has(status)) return node;
  return {
    ...node,
    status,
    reason: str(data.reason) ?? (status === node.status ? node.reason : null),
    detail: str(data.detail) ?? (status === node.status ? node.detail : null),
    approximateMachine: str(data.approximateMachine) ?? node.approximateMachine,
    checks: asChecks(data.checks)?.length ? asChecks(data.checks) : node.checks,
  };
}

function applyConsole(node: SimNodeView, data: Record<string, unknown>): SimNodeView {
  const batch = Array.isArray(data.lines) ? data.lines.map(record) : [];
  const raws: string[] = [];
  const timed: TimedLine[] = [];
  let { latest, series } = node;
  for (const entry of batch) {
    const raw = str(entry.raw);
    if (raw === null) continue;
    const line = parseNodeLine(raw);
    raws.push(line.raw);
    timed.push({ firmwareMs: num(entry.firmwareMs) ?? 0, line });
    if (line.kind !== "telemetry") continue;
    latest = line.record;
    const field =
      series?.field ??
      Object.keys(line.record).find((key) => !bookkeepingKeys.has(key) && num(line.record[key]) !== null);
    const value = field === undefined ? null : num(line.record[field]);
    if (field !== undefined && value !== null)
      series = { field, values: keepLast([...(series?.values ?? []), value], SPARK_POINTS) };
  }
  if (raws.length === 0) return node;
  return {
    ...node,
    lines: keepLast([...node.lines, ...raws], MAX_CONSOLE_LINES),
    lineCount: node.lineCount + raws.length,
    timed: keepLast([...node.timed, ...timed], MAX_TIMED_LINES),
    latest,
    series,
  };
}

/** Adds one event; events at or below `lastSeq` were folded already (a replay after a reconnect) and change nothing. */
export function applySimulateEvent(view: SimulationView, event: JobEvent): SimulationView {
  if (event.seq <= view.lastSeq) return view;
  const next: SimulationView = { ...view, lastSeq: event.seq };
  const data = record(event.data);
  const nodeId = event.nodeId;
  const withNode = (change: (node: SimNodeView) => SimNodeView) => {
    if (!nodeId) return next;
    return { ...next, nodes: { ...next.nodes, [nodeId]: change(next.nodes[nodeId] ?? emptyNode(nodeId)) } };
  };
  switch (event.type) {
    case "node-status":
      return withNode((node) => applyStatus(node, data));
    case "console":
      return withNode((node) => applyConsole(node, data));
    case "checks":
      return withNode((node) => ({ ...node, checks: asChecks(data.checks) ?? node.checks }));
    case "mqtt": {
      const direction = data.direction === "command" ? "command" : "publish";
      const entry: MqttEntry = {
        seq: event.seq,
        direction,
        topic: str(data.topic) ?? "",
        payload: str(data.payload) ?? "",
        nodeId,
        at: event.createdAt,
      };
      return { ...next, mqtt: keepLast([...next.mqtt, entry], MAX_MQTT_ENTRIES) };
    }
    case "log":
      return { ...next, log: keepLast([...next.log, str(data.line) ?? ""], MAX_CONSOLE_LINES) };
    default:
      return lifecycleTypes.has(event.type) ? { ...next, lifecycle: event.type } : next;
  }
}

export const foldSimulation = (events: JobEvent[]): SimulationView =>
  [...events].sort((a, b) => a.seq - b.seq).reduce(applySimulateEvent, emptySimulation());

/** Whether a topic passes the log's filter: MQTT wildcards (`+`, `#`) when the filter has any, else a substring. */
export function topicMatches(filter: string, topic: string): boolean {
  const wanted = filter.trim();
  if (!wanted) return true;
  if (!/[+#]/.test(wanted)) return topic.toLowerCase().includes(wanted.toLowerCase());
  const pattern = wanted.split("/");
  const levels = topic.split("/");
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "#") return true;
    if (i >= levels.length) return false;
    if (pattern[i] !== "+" && pattern[i] !== levels[i]) return false;
  }
  return pattern.length === levels.length;
}

/** The badge text of a node: "failed: timeout", "unsupported: …", "approximate: ran on X" comes separately. */
export function statusLabel(node: Pick<SimNodeView, "status" | "reason">): string {
  if ((node.status === "failed" || node.status === "unsupported") && node.reason)
    return `${node.status}: ${node.reason}`;
  return node.status;
}

/** "ran on stm32vldiscovery (STM32F100): …" shortened to the machine the node ran on. */
export function approximateLabel(approximateMachine: string | null): string | null {
  if (!approximateMachine) return null;
  const machine = /ran on ([^\s:(]+)/.exec(approximateMachine)?.[1] ?? approximateMachine;
  return `approximate: ran on ${machine}`;
}

/**
 * The expectations as the node's card shows them: the worker's verdict once the node has finished, and while it
 * runs the same evaluation over the lines so far (provisional: "at least" counts can still be reached).
 */
export function checksOf(node: SimNodeView, expect: readonly string[]): { checks: CheckResult[]; final: boolean } {
  if (node.checks) return { checks: node.checks, final: true };
  return { checks: expect.length ? evaluateExpectations(expect, node.timed) : [], final: false };
}
