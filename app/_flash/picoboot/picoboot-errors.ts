/** Turns PICOBOOT failures into FlashErrors that say where flashing stopped and what to do next. */
import { describeProgress, type FlashProgress } from "../dfuse/dfuse-errors";
import { FlashError, type FlashErrorCode } from "../types";
import {
  PicobootDeviceLostError,
  PicobootProtocolError,
  PicobootStatusError,
  PicobootTimeoutError,
} from "./picoboot-client";
import { PicobootStatus as S } from "./picoboot-protocol";

export type { FlashProgress };

const REPLUG = "hold BOOTSEL while plugging the Pico back in and flash again";

/** What each PICOBOOT status means for the user. */
const STATUS_MEANING: Record<number, { code: FlashErrorCode; meaning: string }> = {
  [S.UNKNOWN_CMD]: {
    code: "device-error",
    meaning: "the boot ROM does not know this command: is this an RP2040? (an RP2350 needs its own route)",
  },
  [S.INVALID_CMD_LENGTH]: { code: "device-error", meaning: "the boot ROM expected other command arguments" },
  [S.INVALID_TRANSFER_LENGTH]: { code: "device-error", meaning: "the boot ROM expected another data length" },
  [S.INVALID_ADDRESS]: {
    code: "image-too-large",
    meaning: "the address lies outside the memory the boot ROM lets PICOBOOT reach",
  },
  [S.BAD_ALIGNMENT]: {
    code: "device-error",
    meaning: "erases need 4 KiB-aligned addresses and sizes, flash writes 256-byte-aligned addresses",
  },
  [S.INTERLEAVED_WRITE]: {
    code: "device-error",
    meaning: `something wrote to the RPI-RP2 drive at the same time: close programs using the drive, ${REPLUG}`,
  },
  [S.REBOOTING]: { code: "disconnected", meaning: `the Pico is already rebooting: ${REPLUG}` },
  [S.NOT_PERMITTED]: {
    code: "write-protected",
    meaning: "the boot ROM does not permit this flash access (flash not out of XIP mode, or protected)",
  },
  [S.INVALID_STATE]: { code: "device-error", meaning: `the boot ROM is in the wrong state for this: ${REPLUG}` },
  [S.UNKNOWN_ERROR]: { code: "device-error", meaning: `the boot ROM failed without saying why: ${REPLUG}` },
};

function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export function toPicobootFlashError(error: unknown, progress: FlashProgress, signal?: AbortSignal): FlashError {
  if (error instanceof FlashError) return error;
  const where = describeProgress(progress);
  if (signal?.aborted || isAbortError(error)) {
    return new FlashError("cancelled", `Flashing was cancelled. ${where}; the Pico stays in BOOTSEL mode.`);
  }
  if (error instanceof PicobootDeviceLostError) {
    const why = (error.reason instanceof Error ? error.reason.message : String(error.reason)).replace(/\.$/, "");
    return new FlashError("disconnected", `${where}: the Pico disconnected (${why}). Check the cable, ${REPLUG}.`);
  }
  if (error instanceof PicobootStatusError) {
    const known = STATUS_MEANING[error.status] ?? { code: "device-error", meaning: "unexpected status" };
    return new FlashError(
      known.code,
      `${where}: the boot ROM refused ${error.operation} with ${error.statusName} (${known.meaning}).`,
    );
  }
  if (error instanceof PicobootTimeoutError) {
    return new FlashError("timeout", `${where}: ${error.message}. Unplug the Pico, ${REPLUG}.`);
  }
  if (error instanceof PicobootProtocolError) return new FlashError("device-error", `${where}: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new FlashError("write-failed", `${where}: ${message}`);
}
