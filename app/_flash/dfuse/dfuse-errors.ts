/** Turns DFU-level failures into FlashErrors that say where the flash stopped and what to do. */
import { FlashError } from "../types";
import { DfuDeviceLostError, DfuProtocolError, DfuStatusError, DfuTimeoutError, stateName } from "./dfu-protocol";
import { hex, MemoryLayoutError } from "./parse-memory-layout";

export interface FlashProgress {
  phase: "connecting" | "detecting" | "erasing" | "writing" | "verifying" | "resetting";
  done: number;
  total: number;
  /** Address of the block in flight, when there is one. */
  address?: number;
}

function percent(progress: FlashProgress): number {
  return progress.total > 0 ? Math.floor((progress.done * 100) / progress.total) : 0;
}

/** "Writing stopped at 40 % (122,880 of 307,200 bytes, near 0x0801e000)". */
export function describeProgress(progress: FlashProgress): string {
  const near = progress.address === undefined ? "" : `, near ${hex(progress.address)}`;
  const of = `${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")}`;
  switch (progress.phase) {
    case "erasing":
      return `Erasing stopped after ${of} sectors${near}`;
    case "writing":
      return `Writing stopped at ${percent(progress)} % (${of} bytes${near})`;
    case "verifying":
      return `Verification stopped at ${percent(progress)} % (${of} bytes${near})`;
    default:
      return `While ${progress.phase}`;
  }
}

function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export function toDfuseFlashError(error: unknown, progress: FlashProgress, signal?: AbortSignal): FlashError {
  if (error instanceof FlashError) return error;
  const where = describeProgress(progress);
  if (signal?.aborted || isAbortError(error)) {
    return new FlashError("cancelled", `Flashing was cancelled. ${where}; the board stays in DFU mode.`);
  }
  if (error instanceof DfuDeviceLostError) {
    const why = (error.reason instanceof Error ? error.reason.message : String(error.reason)).replace(/\.$/, "");
    return new FlashError(
      "disconnected",
      `${where}: the board disconnected (${why}). Check the cable, put the board back into DFU mode and flash again.`,
    );
  }
  if (error instanceof DfuStatusError) {
    return new FlashError(
      "device-error",
      `${where}: the bootloader reported ${error.statusName} (${stateName(error.state)}) during ${error.message}`,
    );
  }
  if (error instanceof DfuTimeoutError) return new FlashError("timeout", `${where}: ${error.message}`);
  if (error instanceof DfuProtocolError || error instanceof MemoryLayoutError) {
    return new FlashError("device-error", `${where}: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FlashError("write-failed", `${where}: ${message}`);
}
