/** Turns a deploy job's events into what the Deploy stage shows: terraform's steps and its (redacted) log. */

export interface DeployJobEvent {
  seq: number;
  type: string;
  data?: unknown;
}

export type StepStatus = "started" | "succeeded" | "failed";

export interface DeployLog {
  /** Terraform steps in the order they started, each with its latest status. */
  steps: { step: string; status: StepStatus; durationMs: number | null }[];
  lines: { seq: number; line: string }[];
  /** The job's own end (succeeded, failed, cancelled), or null while it runs. */
  ended: string | null;
}

const MAX_LINES = 2_000;
const endings = new Set(["succeeded", "failed", "cancelled"]);

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};

export const emptyDeployLog: DeployLog = { steps: [], lines: [], ended: null };

/** Adds one event; replayed events (seq already seen) change nothing, so a reconnect can resend them. */
export function addDeployEvent(log: DeployLog, event: DeployJobEvent): DeployLog {
  const data = record(event.data);
  if (event.type === "log") {
    if (log.lines.some((line) => line.seq === event.seq)) return log;
    const lines = [...log.lines, { seq: event.seq, line: String(data.line ?? "") }];
    return { ...log, lines: lines.slice(-MAX_LINES) };
  }
  if (event.type === "step" && typeof data.step === "string") {
    const status = data.status as StepStatus;
    const durationMs = typeof data.durationMs === "number" ? data.durationMs : null;
    const at = log.steps.findIndex((row) => row.step === data.step);
    const row = { step: data.step, status, durationMs };
    const steps = at === -1 ? [...log.steps, row] : log.steps.map((old, index) => (index === at ? row : old));
    return { ...log, steps };
  }
  if (endings.has(event.type)) return { ...log, ended: event.type };
  return log;
}
