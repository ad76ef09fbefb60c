/** Turns probe and flash-controller failures into FlashErrors that say where flashing stopped and what to do. */
import { FlashError } from "../types";
import {
  FlashControllerError,
  FlashControllerLockedError,
  FlashControllerTimeoutError,
  hex32,
} from "./families/flash-controller";
import { ProbeLostError, ProbeProtocolError, ProbeStatusError } from "./stlink-probe";

export interface FlashProgress {
  phase: "connecting" | "detecting" | "erasing" | "writing" | "verifying" | "resetting";
  done: number;
  total: number;
  /** Address of the page, sector or block in flight, when there is one. */
  address?: number;
}

const count = (n: number) => n.toLocaleString("en-US");
const percent = (progress: FlashProgress) =>
  progress.total > 0 ? Math.floor((progress.done * 100) / progress.total) : 0;

/** "Writing stopped at 40 % (26,624 of 65,536 bytes, near 0x08006800)". */
export function describeProgress(progress: FlashProgress): string {
  const near = progress.address === undefined ? "" : `, near ${hex32(progress.address)}`;
  const of = `${count(progress.done)} of ${count(progress.total)}`;
  switch (progress.phase) {
    case "erasing":
      return `Erasing stopped after ${of} pages/sectors${near}`;
    case "writing":
      return `Writing stopped at ${percent(progress)} % (${of} bytes${near})`;
    case "verifying":
      return `Verification stopped at ${percent(progress)} % (${of} bytes${near})`;
    default:
      return `While ${progress.phase}`;
  }
}

const touchedFlash = (progress: FlashProgress) =>
  progress.phase === "erasing" || progress.phase === "writing" || progress.phase === "verifying";

function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export function toStlinkFlashError(error: unknown, progress: FlashProgress, signal?: AbortSignal): FlashError {
  if (error instanceof FlashError) return error;
  const where = describeProgress(progress);
  if (signal?.aborted || isAbortError(error)) {
    const after = touchedFlash(progress)
      ? " The board may hold a partial image: flash it again before using it."
      : " Nothing was written.";
    return new FlashError("cancelled", `Flashing was cancelled. ${where}.${after}`);
  }
  if (error instanceof ProbeLostError) {
    const why = (error.reason instanceof Error ? error.reason.message : String(error.reason)).replace(/\.$/, "");
    return new FlashError(
      "disconnected",
      `${where}: the ST-LINK disconnected (${why}). Check the USB cable and the SWD wires, plug it back in and flash again.`,
    );
  }
  if (error instanceof FlashControllerError) {
    if (error.writeProtection) {
      return new FlashError(
        "write-protected",
        `${where}: ${error.message} The flash is write-protected in the option bytes; clear the protection ` +
          `(STM32CubeProgrammer → Option bytes → Write protection), then flash again.`,
      );
    }
    return new FlashError("device-error", `${where}: ${error.message}`);
  }
  if (error instanceof FlashControllerLockedError) {
    return new FlashError(
      "device-error",
      `${where}: ${error.message} A wrong key sequence locks it until the next reset: press the board's reset ` +
        `button (or unplug it) and flash again.`,
    );
  }
  if (error instanceof FlashControllerTimeoutError) return new FlashError("timeout", `${where}: ${error.message}`);
  if (error instanceof ProbeStatusError || error instanceof ProbeProtocolError) {
    return new FlashError("device-error", `${where}: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FlashError("write-failed", `${where}: ${message}`);
}
