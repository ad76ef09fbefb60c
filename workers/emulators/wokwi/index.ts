import type { Board } from "../../../boards/schema";
import type { NodeRunResult, SimulateMode, TimedLine } from "../../../contracts/simulate";
import { type DiagramNode, wokwiDiagramFor } from "../../../contracts/wokwi-diagram";
import type { EmulatorChoice } from "../index";
import type { NodeRun } from "../types";
import { WOKWI_NEEDS_TOKEN, type WokwiEnv, wokwiConfig } from "./config";
import { WokwiEmulator } from "./wokwi-emulator";

export {
  WOKWI_DEFAULT_SERVER,
  WOKWI_FAILURES,
  WOKWI_NEEDS_TOKEN,
  type WokwiConfig,
  type WokwiEnv,
  wokwiConfig,
} from "./config";
export { WokwiEmulator, type WokwiEmulatorOptions } from "./wokwi-emulator";

/**
 * The Wokwi choice for `emulatorFor`: null for a board Wokwi does not run here (not an ESP32 DevKitC/S3/C3), the
 * reason "ESP32 simulation needs WOKWI_CLI_TOKEN" without a token (nothing touches the network), else a WokwiEmulator
 * with the node's diagram.json. `node` gives the sensors and actuators to wire; without it the board runs alone.
 */
export function wokwiEmulatorFor(
  board: Board,
  options: { node?: DiagramNode; env?: WokwiEnv } = {},
): EmulatorChoice | null {
  const generated = wokwiDiagramFor(board, options.node);
  if (!generated) return null;
  const config = wokwiConfig(options.env);
  if (!config.token) return { ok: false, reason: WOKWI_NEEDS_TOKEN };
  return {
    ok: true,
    emulator: new WokwiEmulator({ config, diagram: generated.diagram }),
    prepare: (image) => ({ image }),
  };
}

/** The same options as workers/simulate `startNode`, plus the node's parts and where the token comes from. */
export interface WokwiNodeOptions {
  board: Board;
  /** The node's firmware: an ELF (uploaded as firmware.elf) or a flash image (firmware.bin). */
  image: Uint8Array;
  mode: SimulateMode;
  /** check runs: firmware time to run for (ms). live runs: ignored, the signal ends them. */
  durationMs?: number;
  /** Hard wall-clock limit; the run fails "timeout" when it passes. Default: 30 s for check runs, 1 h for live. */
  wallLimitMs?: number;
  signal?: AbortSignal;
  onLine?: (line: TimedLine) => void;
  onRecord?: (record: { kind: "telemetry" | "event"; record: Record<string, unknown>; firmwareMs: number }) => void;
  node?: DiagramNode;
  /** Where WOKWI_CLI_TOKEN and WOKWI_CLI_SERVER are read. Default: process.env. */
  env?: WokwiEnv;
}

const DEFAULT_CHECK_MS = 5_000;
const DEFAULT_CHECK_WALL_MS = 30_000;
const DEFAULT_LIVE_WALL_MS = 60 * 60_000;

const settled = (result: NodeRunResult): NodeRun => ({ done: Promise.resolve(result), write: () => undefined });
const unsupported = (reason: string): NodeRun =>
  settled({ status: "unsupported", reason, console: "", lines: 0, firmwareMs: 0, wallMs: 0 });

/** Starts an ESP32 node on Wokwi, shaped like `startNode`: `done` settles with the result, `write` is its UART. */
export function startWokwiNode(options: WokwiNodeOptions): NodeRun {
  const choice = wokwiEmulatorFor(options.board, options);
  if (!choice) return unsupported(`${options.board.name} is not a board Wokwi simulates here`);
  if (!choice.ok) return unsupported(choice.reason);
  const onLine = (timed: TimedLine) => {
    options.onLine?.(timed);
    const { line } = timed;
    if (line.kind !== "log") options.onRecord?.({ kind: line.kind, record: line.record, firmwareMs: timed.firmwareMs });
  };
  return choice.emulator.start({
    board: options.board,
    image: options.image,
    mode: options.mode,
    durationMs: options.durationMs ?? DEFAULT_CHECK_MS,
    wallLimitMs: options.wallLimitMs ?? (options.mode === "check" ? DEFAULT_CHECK_WALL_MS : DEFAULT_LIVE_WALL_MS),
    signal: options.signal,
    onLine,
  });
}

/** startWokwiNode for callers that need no input: the node's result. */
export function runWokwiNode(options: WokwiNodeOptions): Promise<NodeRunResult> {
  return startWokwiNode(options).done;
}
