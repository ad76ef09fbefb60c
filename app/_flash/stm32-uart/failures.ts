/**
 * Turns what went wrong on the wire into FlashErrors a user can act on: where in the flash it
 * stopped, and which protection or connection problem it was.
 */
import { FlashError } from "../types";
import { BootloaderNack } from "./an3155-client";
import type { EraseUnit } from "./chips";
import { Command, commandName } from "./frames";

export interface Progress {
  phase: "connecting" | "detecting" | "erasing" | "writing" | "verifying" | "resetting";
  done: number;
  total: number;
  address?: number;
}

export const formatAddress = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
const formatBytes = (n: number) => n.toLocaleString("en-US");

export function readProtected(boardName: string, stillAfterUnprotect = false): FlashError {
  if (stillAfterUnprotect) {
    return new FlashError(
      "read-protected",
      `The ${boardName} still refuses reads after READOUT UNPROTECT: its protection is at level 2 (permanent) ` +
        "or the option bytes did not reload. Power-cycle the board and try again.",
    );
  }
  return new FlashError(
    "read-protected",
    `The ${boardName}'s flash is read-protected (RDP level 1): its bootloader answers but refuses to read or ` +
      "write the flash. Removing the protection erases the whole flash, including the program on it now; " +
      "confirm that to flash this board, or unprotect it with STM32CubeProgrammer or `stm32flash -k`.",
  );
}

export function writeProtected(operation: "erase" | "write", units: EraseUnit[]): FlashError {
  const which = units.map((unit) => `${unit.index} at ${formatAddress(unit.address)}`).join(", ");
  const noun = units.some((unit) => unit.bytes > 4096) ? "sector" : "page";
  return new FlashError(
    "write-protected",
    `The chip refused to ${operation} ${noun}${units.length > 1 ? "s" : ""} ${which}: ` +
      `write protection is set for it in the option bytes (WRP). Remove it with STM32CubeProgrammer or ` +
      "`stm32flash -u`, then flash again.",
  );
}

export function describeFailure(error: unknown, progress: Progress): FlashError {
  if (error instanceof BootloaderNack) return fromNack(error, progress);
  if (!(error instanceof FlashError)) {
    const text = error instanceof Error ? error.message : String(error);
    return new FlashError("device-error", `Flashing failed unexpectedly: ${text}`);
  }
  if (error.code === "disconnected")
    return new FlashError("disconnected", `The board disconnected ${where(progress)}. ${unplugAdvice}`);
  if (error.code === "timeout" && progress.phase !== "connecting") {
    return new FlashError("timeout", `${error.message} It stopped ${where(progress)}. ${unplugAdvice}`);
  }
  return error;
}

const unplugAdvice =
  "Check the adapter's cable and wiring and flash again: the ROM bootloader cannot be overwritten, so the board " +
  "can always be reflashed.";

function where(progress: Progress): string {
  const { phase, done, total } = progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  switch (phase) {
    case "writing":
      return `at ${percent} % of the write (${formatBytes(done)} of ${formatBytes(total)} bytes)`;
    case "erasing":
      return `while erasing (${done} of ${total} pages or sectors erased, nothing written yet)`;
    case "verifying":
      return `while verifying (everything was written; ${formatBytes(done)} of ${formatBytes(total)} bytes checked)`;
    case "resetting":
      return "after writing and verifying everything, while starting the program";
    default:
      return "before anything was written";
  }
}

function fromNack(nack: BootloaderNack, progress: Progress): FlashError {
  const at = progress.address === undefined ? "" : ` at ${formatAddress(progress.address)}`;
  const refused = `The bootloader refused ${commandName(nack.command)}${at} (NACK at the ${nack.stage})`;
  switch (nack.command) {
    case Command.WRITE_MEMORY:
    case Command.ERASE:
    case Command.EXTENDED_ERASE:
      return new FlashError("write-failed", `${refused}, ${where(progress)}. Flash again.`);
    case Command.READ_MEMORY:
      return new FlashError("verify-failed", `${refused} while reading back: the write could not be checked.`);
    case Command.GO:
      return new FlashError(
        "device-error",
        `${refused}. The program is written and verified: set BOOT0 to 0 and press RESET to start it.`,
      );
    default:
      return new FlashError("device-error", `${refused}, ${where(progress)}.`);
  }
}
