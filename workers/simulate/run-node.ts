import type { Board } from "../../boards/schema";
import type { NodeRunResult, SimulateMode, TimedLine } from "../../contracts/simulate";
import { emulatorFor } from "../emulators";
import type { NodeRun } from "../emulators/types";
import type { DiagramNode } from "../../contracts/wokwi-diagram";

export interface RunNodeOptions {
  board: Board;
  /** The node's sensors and actuators, for emulators that wire parts to the board (Wokwi's diagram). */
  node?: DiagramNode;
  /** The built firmware: ELF bytes (preferred) or a raw flash image. */
  image: Uint8Array;
  mode: SimulateMode;
  /** check runs: firmware time to run for (ms). live runs: ignored. */
  durationMs?: number;
  /** Hard wall-clock limit; the run fails "timeout" when it passes. Default: 30 s for check runs, 1 h for live. */
  wallLimitMs?: number;
  /** Ends a live run ("stopped"); also the way to end a check run early. */
  signal?: AbortSignal;
  /** Every console line, parsed, with its firmware time. */
  onLine?: (line: TimedLine) => void;
  /** Telemetry and event records only (`@t`/`@e` lines). */
  onRecord?: (record: { kind: "telemetry" | "event"; record: Record<string, unknown>; firmwareMs: number }) => void;
}

const DEFAULT_CHECK_MS = 5_000;
const DEFAULT_CHECK_WALL_MS = 30_000;
const DEFAULT_LIVE_WALL_MS = 60 * 60_000;

/**
 * Starts one node in its board's emulator (see workers/emulators). Returns at once: `done` settles with the result
 * (a board without an emulator settles "unsupported" with the reason), `write` sends text to the node's console
 * UART, e.g. a command line "fan on\n".
 */
export function startNode(options: RunNodeOptions): NodeRun {
  const choice = emulatorFor(options.board, { node: options.node });
  if (!choice.ok) {
    const result: NodeRunResult = {
      status: "unsupported",
      reason: choice.reason,
      console: "",
      lines: 0,
      firmwareMs: 0,
      wallMs: 0,
    };
    return { done: Promise.resolve(result), write: () => undefined };
  }
  const { image, approximateMachine } = choice.prepare(options.image);
  const onLine = (timed: TimedLine) => {
    options.onLine?.(timed);
    const { line } = timed;
    if (line.kind !== "log") options.onRecord?.({ kind: line.kind, record: line.record, firmwareMs: timed.firmwareMs });
  };
  const run = choice.emulator.start({
    board: options.board,
    image,
    mode: options.mode,
    durationMs: options.durationMs ?? DEFAULT_CHECK_MS,
    wallLimitMs: options.wallLimitMs ?? (options.mode === "check" ? DEFAULT_CHECK_WALL_MS : DEFAULT_LIVE_WALL_MS),
    signal: options.signal,
    onLine,
    ...(approximateMachine ? { approximateMachine } : {}),
  });
  const done = run.done.then((result) => (approximateMachine ? { ...result, approximateMachine } : result));
  return { done, write: run.write };
}

/** startNode for callers that need no input: the node's result. */
export function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
  return startNode(options).done;
}
