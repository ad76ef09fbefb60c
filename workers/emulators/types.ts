import type { Board } from "../../boards/schema";
import type { NodeRunResult, SimulateMode, TimedLine } from "../../contracts/simulate";

export interface EmulatorRun {
  board: Board;
  /** The firmware: an ELF (preferred) or a raw flash image. */
  image: Uint8Array;
  mode: SimulateMode;
  /** check runs: firmware time after which the run stops (passed). live runs: ignored. */
  durationMs: number;
  /** Hard wall-clock limit: the emulator's process tree is killed and the run fails "timeout". */
  wallLimitMs: number;
  signal?: AbortSignal;
  onLine?: (line: TimedLine) => void;
  /** "ran on stm32vldiscovery (STM32F100): ..." when the machine is not the board's own. */
  approximateMachine?: string;
}

/** A started run: its result, and the node's UART input for commands ("fan on\n"). */
export interface NodeRun {
  done: Promise<NodeRunResult>;
  write(text: string): void;
}

export interface Emulator {
  /** "qemu-system-arm -M lm3s6965evb", "rp2040js". */
  readonly name: string;
  start(run: EmulatorRun): NodeRun;
}

/** Command text for a UART: printable characters and line ends only (Ctrl-A would drive QEMU's mux). */
export function uartText(text: string): string {
  return text.replace(/[^\t\n\r\x20-\x7e\u00a0-\uffff]/g, "");
}
