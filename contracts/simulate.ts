import type { NodeLine } from "./node-lines";

/**
 * Shapes of the simulate stage shared by the worker (workers/simulate, workers/emulators), the server and the UI.
 * A node runs in one emulator process (QEMU in the sandbox, or rp2040js in the worker); every console line is
 * parsed with `parseNodeLine` and stamped with the firmware time at which it was printed.
 */

/**
 * check: firmware time runs as fast as the host allows (QEMU `-icount shift=0,sleep=off`) and the run stops after
 * `durationMs` of firmware time or when the firmware exits through semihosting. live: firmware time follows the wall
 * clock, so idle nodes cost little CPU; the run lasts until it is stopped.
 */
export type SimulateMode = "check" | "live";

/**
 * passed: ran to its firmware duration (or exited with code 0) without a fault. failed: see `reason`.
 * unsupported: the board has no emulator here (`reason` says why); such a node never blocks the others.
 * stopped: a live run ended by its AbortSignal.
 */
export type NodeRunStatus = "passed" | "failed" | "unsupported" | "stopped";

/**
 * Why a run failed: "timeout" (the wall-clock limit ended a run that neither exited nor reached its firmware
 * duration), "fault" (HardFault/lockup; `detail` names the exception and PC), "exit N" (the emulator or the firmware
 * exited with status N), "emulator: ..." (the emulator could not start), "expectations" (see the checks).
 */
export type NodeRunReason = "timeout" | "fault" | "expectations" | `exit ${number}` | `emulator: ${string}`;

/** One console line with the firmware time (ms since reset) at which it was printed. */
export interface TimedLine {
  firmwareMs: number;
  line: NodeLine;
}

export interface NodeRunResult {
  status: NodeRunStatus;
  reason?: NodeRunReason | string;
  /** More about the reason, e.g. "HardFault (IPSR 3) at PC 0x000001a4" or the emulator's last stderr line. */
  detail?: string;
  /** Set when the board has no exact machine: e.g. "ran on stm32vldiscovery (STM32F100): ..." */
  approximateMachine?: string;
  /** The emulator that ran the node, e.g. "qemu-system-arm -M lm3s6965evb" or "rp2040js". */
  emulator?: string;
  /** The console output (UART and semihosting), the last 64 KiB of it. */
  console: string;
  /** Number of console lines printed. */
  lines: number;
  /** Firmware time reached when the run ended. */
  firmwareMs: number;
  /** Wall-clock duration of the run. */
  wallMs: number;
}

/** The outcome of one `expect` item of a node. */
export interface CheckResult {
  item: string;
  passed: boolean;
  /** The console line that decided it, or why none did ("no telemetry line has temperature"). */
  evidence: string;
}

/** A node's simulate result: the run, then its expectations evaluated over the run's lines. */
export interface NodeSimulation extends NodeRunResult {
  checks: CheckResult[];
}

/** Progress events of a node's run, for the job's event stream. */
export type NodeRunEvent =
  | { type: "started"; emulator: string; approximateMachine?: string }
  | { type: "line"; firmwareMs: number; raw: string }
  | { type: "finished"; result: NodeRunResult };

/** The console tail kept in a result. */
export const CONSOLE_TAIL_BYTES = 64 * 1024;
