/** Folds a build-node job's events into what its card shows: iteration timeline, memory, diagnostics, log. */
import type { JobEvent, LogLine } from "../workspace/diagnostic-events";

export const stepNames = ["generate", "compile", "size", "test"] as const;
export type StepName = (typeof stepNames)[number];
export type StepStatus = "pending" | "started" | "succeeded" | "failed" | "skipped";

export interface StepView {
  status: StepStatus;
  durationMs: number | null;
  error: string | null;
  /** What ran the step, e.g. "templates", "avr-gcc", "pinned source". */
  detail: string | null;
  cacheHit: boolean;
}

export interface IterationView {
  iteration: number;
  steps: Record<StepName, StepView>;
}

export interface MemoryUse {
  flash: number;
  ram: number;
  flashBudget: number;
  ramBudget: number;
  stackReserve: number;
}

export interface CompilerDiagnostic {
  file: string;
  line: number;
  column: number | null;
  severity: string;
  message: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export interface NodeJobLog {
  attempt: number;
  iterations: IterationView[];
  memory: MemoryUse | null;
  diagnostics: { iteration: number; items: CompilerDiagnostic[] } | null;
  lines: LogLine[];
  usage: TokenUsage | null;
  /** The newest queue event (queued, claimed, succeeded, failed, lease-expired…), if any. */
  lifecycle: string | null;
}

export const lifecycleTypes = new Set([
  "queued",
  "claimed",
  "succeeded",
  "failed",
  "cancelled",
  "lease-expired",
  "released",
]);

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
const str = (value: unknown) => (typeof value === "string" ? value : null);
const stepStatuses = new Set<StepStatus>(["started", "succeeded", "failed", "skipped"]);

const pendingStep = (): StepView => ({
  status: "pending",
  durationMs: null,
  error: null,
  detail: null,
  cacheHit: false,
});
const newIteration = (iteration: number): IterationView => ({
  iteration,
  steps: { generate: pendingStep(), compile: pendingStep(), size: pendingStep(), test: pendingStep() },
});

export const emptyJobLog = (): NodeJobLog => ({
  attempt: 0,
  iterations: [],
  memory: null,
  diagnostics: null,
  lines: [],
  usage: null,
  lifecycle: null,
});

function applyStep(log: NodeJobLog, data: Record<string, unknown>) {
  const name = str(data.step) as StepName | null;
  const status = str(data.status) as StepStatus | null;
  if (!name || !stepNames.includes(name) || !status || !stepStatuses.has(status)) return;
  const number = num(data.iteration) ?? log.iterations.at(-1)?.iteration ?? 1;
  let iteration = log.iterations.find((candidate) => candidate.iteration === number);
  if (!iteration) {
    iteration = newIteration(number);
    log.iterations.push(iteration);
    log.iterations.sort((a, b) => a.iteration - b.iteration);
  }
  const previous = iteration.steps[name];
  iteration.steps[name] = {
    status,
    durationMs: num(data.durationMs) ?? previous.durationMs,
    error: str(data.error),
    detail: str(data.generator) ?? str(data.toolchain) ?? str(data.reason) ?? previous.detail,
    cacheHit: data.cacheHit === true || previous.cacheHit,
  };
}

/** A MemoryUse from an event or a build result, or null when it is not one. */
export function asMemory(value: unknown): MemoryUse | null {
  const data = record(value);
  const [flash, ram, flashBudget, ramBudget] = [data.flash, data.ram, data.flashBudget, data.ramBudget].map(num);
  if (flash === null || ram === null || flashBudget === null || ramBudget === null) return null;
  return { flash, ram, flashBudget, ramBudget, stackReserve: num(data.stackReserve) ?? 0 };
}

function addUsage(total: TokenUsage | null, data: Record<string, unknown>): TokenUsage {
  const base = total ?? { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 };
  return {
    inputTokens: base.inputTokens + (num(data.inputTokens) ?? 0),
    outputTokens: base.outputTokens + (num(data.outputTokens) ?? 0),
    cacheReadInputTokens: base.cacheReadInputTokens + (num(data.cacheReadInputTokens) ?? 0),
    cacheCreationInputTokens: base.cacheCreationInputTokens + (num(data.cacheCreationInputTokens) ?? 0),
  };
}

/** Replays events in seq order. A second claim (a retry after a lost worker) starts the timeline afresh. */
export function foldNodeJob(events: JobEvent[]): NodeJobLog {
  const log = emptyJobLog();
  for (const event of events) {
    const data = record(event.data);
    switch (event.type) {
      case "step":
        applyStep(log, data);
        break;
      case "memory":
        log.memory = asMemory(data) ?? log.memory;
        break;
      case "diagnostics": {
        const items = Array.isArray(data.diagnostics) ? (data.diagnostics as CompilerDiagnostic[]) : [];
        log.diagnostics = { iteration: num(data.iteration) ?? 1, items };
        break;
      }
      case "log":
        log.lines.push({ seq: event.seq, line: str(data.line) ?? "", at: event.createdAt });
        break;
      case "usage":
        log.usage = addUsage(log.usage, data);
        break;
      case "claimed":
        if (log.attempt > 0) {
          Object.assign(log, { iterations: [], memory: null, diagnostics: null, usage: null });
          log.lines.push({
            seq: event.seq,
            line: `── retrying (attempt ${num(data.attempt) ?? log.attempt + 1}) ──`,
            at: event.createdAt,
          });
        }
        log.attempt = num(data.attempt) ?? log.attempt + 1;
        log.lifecycle = event.type;
        break;
      default:
        if (lifecycleTypes.has(event.type)) log.lifecycle = event.type;
    }
  }
  return log;
}

export interface StepProgress {
  done: number;
  total: number;
  iteration: number;
  /** The step running now, or null between steps. */
  current: StepName | null;
}

/** Progress through the newest iteration: generate, compile and size each count once finished. */
export function iterationProgress(log: NodeJobLog): StepProgress {
  const last = log.iterations.at(-1);
  if (!last) return { done: 0, total: stepNames.length, iteration: 1, current: null };
  const done = stepNames.filter((name) => !["pending", "started"].includes(last.steps[name].status)).length;
  const current = stepNames.find((name) => last.steps[name].status === "started") ?? null;
  return { done, total: stepNames.length, iteration: last.iteration, current };
}
