/** Turns a job's event log into what the diagnostics panel shows: console lines, tool rows, status chips. */

export interface JobEvent {
  seq: number;
  type: string;
  nodeId: string | null;
  data?: unknown;
  createdAt: string;
}

export interface ToolRow {
  seq: number;
  name: string;
  ok: boolean;
  version: string;
  durationMs: number | null;
}

export interface LogLine {
  seq: number;
  line: string;
  at: string;
}

export interface LifecycleChip {
  seq: number;
  type: string;
  detail: string | null;
  at: string;
}

export interface JobLog {
  lines: LogLine[];
  tools: ToolRow[];
  lifecycle: LifecycleChip[];
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};
const text = (value: unknown) => (typeof value === "string" ? value : value == null ? "" : String(value));

function lifecycleDetail(type: string, data: Record<string, unknown>): string | null {
  if (typeof data.error === "string") return data.error;
  if (type === "claimed" && typeof data.attempt === "number") return `attempt ${data.attempt}`;
  if (type === "queued" && Array.isArray(data.requires) && data.requires.length > 0)
    return `needs ${data.requires.join(", ")}`;
  return null;
}

export function summarizeJobLog(events: JobEvent[]): JobLog {
  const log: JobLog = { lines: [], tools: [], lifecycle: [] };
  for (const event of events) {
    const data = record(event.data);
    if (event.type === "log") {
      log.lines.push({ seq: event.seq, line: text(data.line), at: event.createdAt });
    } else if (event.type === "tool") {
      log.tools.push({
        seq: event.seq,
        name: text(data.name),
        ok: data.ok === true,
        version: text(data.version),
        durationMs: typeof data.durationMs === "number" ? data.durationMs : null,
      });
    } else {
      log.lifecycle.push({
        seq: event.seq,
        type: event.type,
        detail: lifecycleDetail(event.type, data),
        at: event.createdAt,
      });
    }
  }
  return log;
}

/** Adds an event unless it is already there (a replay after reconnecting), keeping seq order. */
export function mergeEvent(events: JobEvent[], event: JobEvent): JobEvent[] {
  if (events.some((known) => known.seq === event.seq)) return events;
  const next = [...events, event];
  return next[next.length - 2]?.seq > event.seq ? next.sort((a, b) => a.seq - b.seq) : next;
}

const terminal = new Set(["succeeded", "failed", "cancelled"]);
export const isTerminalStatus = (status: string | undefined) => status !== undefined && terminal.has(status);
