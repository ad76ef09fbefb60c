/**
 * The Flash card's state machine: flashing-core events in, view state out. Pure (times come in the
 * actions), so it is unit tested without a browser; components only render `flashView`.
 */
import type { FlashErrorCode, FlashEvent } from "@/app/_flash/types";

export type FlashStep = "connecting" | "detecting" | "erasing" | "writing" | "verifying" | "resetting";
export const flashSteps: readonly FlashStep[] = [
  "connecting",
  "detecting",
  "erasing",
  "writing",
  "verifying",
  "resetting",
];

interface Sample {
  at: number;
  written: number;
}

export type FlashPhase = "idle" | "blocked" | "choosing" | "confirm" | "preparing" | "running" | "done" | "failed";

export interface FlashState {
  phase: FlashPhase;
  step: FlashStep | null;
  /** Steps this flash went through (an ESP erases while writing, so it never shows "erasing"). */
  visited: FlashStep[];
  /** Why flashing cannot start here, or which device the user picked instead (confirm). */
  notice: string | null;
  chip: string | null;
  /** What the user must do with the board right now (set BOOT0, press reset…), until the next step starts. */
  instruction: string | null;
  written: number;
  total: number;
  /** Progress of the current step that is not writing (erase sectors, verified bytes). */
  stepDone: number;
  stepTotal: number;
  /** Recent write progress, for speed and time left. */
  samples: Sample[];
  /** Average rate the core reported; used until two samples exist. */
  reportedRate: number | null;
  bytes: number;
  durationMs: number;
  error: { code: FlashErrorCode | "download"; message: string } | null;
}

export type FlashAction =
  | { type: "blocked"; message: string }
  | { type: "choosing" }
  | { type: "chosen-none" }
  | { type: "confirm"; warning: string }
  | { type: "preparing" }
  | { type: "start" }
  | { type: "event"; event: FlashEvent; at: number }
  | { type: "failed"; code: FlashErrorCode | "download"; message: string }
  | { type: "reset" };

export const initialFlashState: FlashState = {
  phase: "idle",
  step: null,
  visited: [],
  notice: null,
  chip: null,
  instruction: null,
  written: 0,
  total: 0,
  stepDone: 0,
  stepTotal: 0,
  samples: [],
  reportedRate: null,
  bytes: 0,
  durationMs: 0,
  error: null,
};

/** Speed is measured over the last few seconds, so a stall shows up instead of a lifetime average. */
export const SPEED_WINDOW_MS = 3000;
const active = new Set<FlashPhase>(["choosing", "confirm", "preparing", "running"]);
/** Phases a reset must not interrupt: a chooser is open or the core is talking to the device. */
const busyPhases = new Set<FlashPhase>(["choosing", "preparing", "running"]);

export function flashReducer(state: FlashState, action: FlashAction): FlashState {
  switch (action.type) {
    case "blocked":
      return { ...initialFlashState, phase: "blocked", notice: action.message };
    case "choosing":
      return { ...initialFlashState, phase: "choosing" };
    case "chosen-none":
      return { ...initialFlashState, notice: "No device was chosen." };
    case "confirm":
      return { ...state, phase: "confirm", notice: action.warning };
    case "preparing":
      return { ...state, phase: "preparing", notice: null };
    case "start":
      return { ...initialFlashState, phase: "running", step: "connecting", visited: ["connecting"] };
    case "failed":
      if (state.phase === "failed") return state;
      return { ...state, phase: "failed", error: { code: action.code, message: action.message } };
    case "reset":
      return busyPhases.has(state.phase) ? state : initialFlashState;
    case "event": {
      const next = applyEvent(state, action.event, action.at);
      return next.step && !next.visited.includes(next.step) ? { ...next, visited: [...next.visited, next.step] } : next;
    }
  }
}

function applyEvent(state: FlashState, event: FlashEvent, at: number): FlashState {
  if (state.phase !== "running") return state; // late events after a failure or cancel
  if (event.state === "connecting") {
    return { ...state, step: "connecting", stepDone: 0, stepTotal: 0, instruction: event.instruction ?? null };
  }
  // Any later event means the board answered: the instruction has been followed.
  return applyProgress(state.instruction ? { ...state, instruction: null } : state, event, at);
}

function applyProgress(state: FlashState, event: Exclude<FlashEvent, { state: "connecting" }>, at: number): FlashState {
  switch (event.state) {
    case "detecting":
    case "resetting":
      return { ...state, step: event.state, stepDone: 0, stepTotal: 0 };
    case "detected":
      return { ...state, chip: event.detail ? `${event.chip} (${event.detail})` : event.chip };
    case "erasing":
      return { ...state, step: "erasing", stepDone: event.erased ?? 0, stepTotal: event.total ?? 0 };
    case "writing": {
      const samples = [...state.samples, { at, written: event.written }].filter(
        (sample) => sample.at >= at - SPEED_WINDOW_MS,
      );
      return {
        ...state,
        step: "writing",
        written: event.written,
        total: event.total,
        stepDone: event.written,
        stepTotal: event.total,
        samples,
        reportedRate: event.bytesPerSecond ?? state.reportedRate,
      };
    }
    case "verifying":
      return {
        ...state,
        step: "verifying",
        written: state.total || state.written,
        stepDone: event.verified ?? 0,
        stepTotal: event.total ?? state.total,
      };
    case "done":
      return {
        ...state,
        phase: "done",
        step: null,
        written: event.bytes,
        total: event.bytes,
        bytes: event.bytes,
        durationMs: event.durationMs,
      };
    case "error":
      return { ...state, phase: "failed", error: { code: event.code, message: event.message } };
  }
}

/** Bytes per second over the sample window, or the core's own figure while there is too little data. */
export function writeSpeed(state: FlashState): number | null {
  const first = state.samples[0];
  const last = state.samples.at(-1);
  if (first && last && last.at - first.at >= 200 && last.written > first.written) {
    return ((last.written - first.written) * 1000) / (last.at - first.at);
  }
  return state.reportedRate && state.reportedRate > 0 ? state.reportedRate : null;
}

export interface FlashView {
  busy: boolean;
  /** 0–100 for the progress bar: the write, then the read-back. */
  percent: number;
  stepLabel: string | null;
  written: number;
  total: number;
  /** KiB/s, one decimal, while writing. */
  kibPerSecond: number | null;
  secondsLeft: number | null;
}

const stepLabels: Record<FlashStep, string> = {
  connecting: "Connecting",
  detecting: "Detecting the chip",
  erasing: "Erasing",
  writing: "Writing",
  verifying: "Verifying",
  resetting: "Resetting the board",
};

export function flashView(state: FlashState): FlashView {
  const percentOf = (done: number, total: number) =>
    total > 0 ? Math.min(100, Math.max(0, Math.floor((done * 100) / total))) : 0;
  const speed = state.step === "writing" ? writeSpeed(state) : null;
  const left = state.total - state.written;
  let percent = 0;
  if (state.phase === "done") percent = 100;
  else if (state.step === "writing") percent = percentOf(state.written, state.total);
  else if (state.step === "verifying") percent = percentOf(state.stepDone, state.stepTotal);
  else if (state.step === "erasing") percent = percentOf(state.stepDone, state.stepTotal);
  else if (state.step === "resetting") percent = 100;
  return {
    busy: active.has(state.phase),
    percent,
    stepLabel: state.step ? stepLabels[state.step] : null,
    written: state.written,
    total: state.total,
    kibPerSecond: speed === null ? null : Math.round((speed / 1024) * 10) / 10,
    secondsLeft: state.step !== "writing" ? null : left <= 0 ? 0 : speed ? Math.ceil(left / speed) : null,
  };
}

/** "1 min 05 s", "42 s". */
export function formatSecondsLeft(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}
