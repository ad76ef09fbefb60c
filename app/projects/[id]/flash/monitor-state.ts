/** The serial monitor's state: the raw console tail, the latest `@t` value per field and recent `@e` events. */
import type { NodeLine } from "@/contracts/node-lines";

export const MAX_LINES = 500;
export const MAX_EVENTS = 20;

export interface ConsoleLine {
  id: number;
  text: string;
  kind: NodeLine["kind"];
  malformed?: string;
}

export interface FieldValue {
  value: string;
  at: number;
}

export interface MonitorEvent {
  id: number;
  record: Record<string, unknown>;
  at: number;
}

export type MonitorStatus = "idle" | "opening" | "open" | "closed" | "error";

export interface MonitorState {
  status: MonitorStatus;
  error: string | null;
  lines: ConsoleLine[];
  fields: Record<string, FieldValue>;
  events: MonitorEvent[];
  nextId: number;
}

export type MonitorAction =
  | { type: "opening" }
  | { type: "open" }
  | { type: "closed" }
  | { type: "error"; message: string }
  | { type: "lines"; lines: NodeLine[]; at: number }
  | { type: "clear" };

export const initialMonitorState: MonitorState = {
  status: "idle",
  error: null,
  lines: [],
  fields: {},
  events: [],
  nextId: 1,
};

/** A field's value as the table shows it: numbers and strings as they are, anything else as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "null";
}

export function monitorReducer(state: MonitorState, action: MonitorAction): MonitorState {
  switch (action.type) {
    case "opening":
      return { ...state, status: "opening", error: null };
    case "open":
      return { ...state, status: "open", error: null };
    case "closed":
      return state.status === "error" ? state : { ...state, status: "closed" };
    case "error":
      return { ...state, status: "error", error: action.message };
    case "clear":
      return { ...state, lines: [], fields: {}, events: [] };
    case "lines":
      return foldLines(state, action.lines, action.at);
  }
}

function foldLines(state: MonitorState, parsed: NodeLine[], at: number): MonitorState {
  if (parsed.length === 0) return state;
  let nextId = state.nextId;
  const added: ConsoleLine[] = [];
  const fields = { ...state.fields };
  const events: MonitorEvent[] = [];
  for (const line of parsed) {
    const id = nextId++;
    added.push({
      id,
      text: line.raw,
      kind: line.kind,
      ...(line.kind === "log" && line.malformed ? { malformed: line.malformed } : {}),
    });
    if (line.kind === "telemetry") {
      for (const [field, value] of Object.entries(line.record)) fields[field] = { value: showValue(value), at };
    } else if (line.kind === "event") {
      events.push({ id, record: line.record, at });
    }
  }
  return {
    ...state,
    nextId,
    lines: [...state.lines, ...added].slice(-MAX_LINES),
    fields,
    events: [...events.reverse(), ...state.events].slice(0, MAX_EVENTS),
  };
}
