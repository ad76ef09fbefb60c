import { FlashError } from "../types";
import { isDeviceLost, type WatchedPort } from "./watch-port";

/** Where a run was when it failed; decides which FlashError an esptool-js error becomes. */
export type Stage = "open" | "sync" | "detect" | "stub" | "baud" | "erase" | "write" | "verify" | "reset";

export interface FailureContext {
  stage: Stage;
  written: number;
  total: number;
  /** Offset of the part being written or verified. */
  offset: number;
  port: WatchedPort;
  signal?: AbortSignal;
  boardChip: string;
}

const hex = (n: number) => `0x${n.toString(16)}`;

export function percentOf(written: number, total: number): number {
  return total > 0 ? Math.floor((written / total) * 100) : 0;
}

export function cancelledError(stage: Stage): FlashError {
  const touched = stage === "erase" || stage === "write" || stage === "verify";
  return new FlashError(
    "cancelled",
    touched
      ? "Flashing was cancelled. The board may hold a partial image: flash it again before using it."
      : "Flashing was cancelled before anything was written.",
  );
}

export function wrongChipError(found: string, expected: string, boardName: string): FlashError {
  return new FlashError(
    "wrong-chip",
    `This is an ${found}, but the node is built for ${expected} (${boardName}). Pick the right board or port.`,
  );
}

export function syncFailedError(boardChip: string): FlashError {
  return new FlashError(
    "sync-failed",
    `No answer from the ${boardChip} bootloader. Hold the BOOT button (IO0) while you press and release ` +
      "EN/RESET, then flash again. Also check that the USB cable carries data (charge-only cables do not) " +
      "and that the USB-serial driver (CP210x or CH340) is installed.",
  );
}

/** Turns whatever esptool-js, the port or the wrapper threw into the FlashError the UI shows. */
export function toEspFlashError(error: unknown, ctx: FailureContext): FlashError {
  if (error instanceof FlashError) return error;
  if (ctx.signal?.aborted) return cancelledError(ctx.stage);
  const message = error instanceof Error ? error.message : String(error);
  const writing = ctx.stage === "write" || ctx.stage === "verify" || ctx.stage === "erase";
  if (ctx.port.openError) {
    const reason = ctx.port.openError instanceof Error ? ctx.port.openError.message : message;
    return new FlashError(
      "open-failed",
      `Could not open the serial port (${reason}). Close other programs or tabs using it (serial monitor, ` +
        "Arduino IDE) and try again.",
    );
  }
  if (ctx.port.lost || isDeviceLost(error)) {
    return new FlashError(
      "disconnected",
      writing
        ? `The board disconnected at ${percentOf(ctx.written, ctx.total)} %: check the cable and try again. ` +
            "Nothing was marked as flashed."
        : "The board disconnected: check the cable and try again. Nothing was marked as flashed.",
    );
  }
  if (/MD5 of file does not match/i.test(message)) {
    return new FlashError(
      "verify-failed",
      `The flash at ${hex(ctx.offset)} does not match the image (MD5 mismatch): the write was corrupted. ` +
        "Flash again; if it keeps failing, try another cable or a lower baud. Nothing was marked as flashed.",
    );
  }
  if (/Failed to connect with the device/i.test(message)) return syncFailedError(ctx.boardChip);
  const name = error instanceof Error ? error.name : "";
  if (name === "UnexpectedChipMagicError" || name === "UnexpectedChipIdError") {
    return new FlashError(
      "wrong-chip",
      `The chip on this port is not one esptool-js recognises (${message}); the node is built for ${ctx.boardChip}. ` +
        "Pick the right board or port.",
    );
  }
  if (writing) {
    return new FlashError(
      "write-failed",
      `Writing failed at ${percentOf(ctx.written, ctx.total)} % (${message}). Try again; nothing was marked as flashed.`,
    );
  }
  if (/stream stopped|No serial data|timed? ?out|Timeout/i.test(message)) {
    return new FlashError("timeout", `The board stopped answering while ${stageText(ctx.stage)} (${message}).`);
  }
  return new FlashError("device-error", `The board reported an error while ${stageText(ctx.stage)}: ${message}`);
}

function stageText(stage: Stage): string {
  switch (stage) {
    case "open":
    case "sync":
      return "connecting";
    case "detect":
      return "identifying the chip";
    case "stub":
      return "starting the flasher stub";
    case "baud":
      return "changing the baud rate";
    case "reset":
      return "resetting";
    default:
      return "flashing";
  }
}
