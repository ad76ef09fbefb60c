/**
 * What the flasher reads from `board.flash` for the STM32 ROM USART bootloader, and its timing. The
 * board catalogue has no "stm32-uart" method yet, so the shape is checked here at run time.
 */
import type { Board } from "../../../boards/schema";
import { FlashError } from "../types";
import { chipById, formatChipId } from "./chips";

export interface Stm32UartMethod {
  protocol: "stm32-uart";
  /** 115200 is safe on every bridge; the bootloader autobauds from 1200 to 115200 (more on some lines). */
  baud: number;
  /** GET ID's product id, e.g. 0x410 (F103 medium density), 0x433 (F401xD/E). Checked before writing. */
  expectedChipId: number;
  /** Where the image's vector table goes and where GO jumps: 0x08000000. */
  flashAddress: number;
  /** Drive BOOT0 from RTS and NRST from DTR (asserted = BOOT0 high / reset held), like `stm32flash -i`. */
  autoEntry?: boolean;
  /** Erase the whole flash instead of only the pages/sectors the image touches. */
  massErase?: boolean;
  /**
   * The user confirmed READOUT UNPROTECT on a read-protected chip: it mass-erases the flash (and the
   * code the board's owner protected) before anything can be written. Never set without asking.
   */
  removeReadProtection?: boolean;
  /** How long to wait for the user to set BOOT0 and press reset (default 60 s). */
  bootloaderWaitMs?: number;
}

export interface Stm32UartTiming {
  /** How long NRST is held low by DTR during auto-entry. */
  resetLowMs: number;
  /** Pause after releasing NRST before the first 0x7F (the ROM starts in a few ms). */
  bootWaitMs: number;
  /** 0x7F attempts after an auto-entry pulse before asking the user. */
  syncAttempts: number;
  syncTimeoutMs: number;
  /** Answer to any command but erase, write and unprotect. */
  commandTimeoutMs: number;
  /** One 256-byte WRITE MEMORY (a few ms on the chip). */
  writeTimeoutMs: number;
  /** A mass erase: 40 ms on an F1, up to 32 s on a 2 MiB F4 at x8. */
  massEraseTimeoutMs: number;
  /** Default for `Stm32UartMethod.bootloaderWaitMs`. */
  bootloaderWaitMs: number;
}

export const defaultStm32UartTiming: Stm32UartTiming = {
  resetLowMs: 50,
  bootWaitMs: 50,
  syncAttempts: 4,
  syncTimeoutMs: 150,
  commandTimeoutMs: 1000,
  writeTimeoutMs: 1000,
  massEraseTimeoutMs: 40_000,
  bootloaderWaitMs: 60_000,
};

const isCount = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;
const optionalFlag = (value: unknown) => value === undefined || typeof value === "boolean";

/** The board's method, or FlashError("unsupported-board") saying what is wrong with it. */
export function readStm32UartMethod(board: Board): Stm32UartMethod {
  const method = board.flash as unknown as Record<string, unknown>;
  if (method.protocol !== "stm32-uart") {
    throw new FlashError(
      "unsupported-board",
      `The ${board.name} is not flashed over the STM32 USART bootloader (${String(method.protocol)}).`,
    );
  }
  const problems: string[] = [];
  if (!isCount(method.baud) || (method.baud as number) <= 0) problems.push("baud must be a positive integer");
  if (!isCount(method.expectedChipId)) problems.push("expectedChipId must be a number");
  else if (!chipById(method.expectedChipId as number)) {
    problems.push(`no flash geometry is known for chip id ${formatChipId(method.expectedChipId as number)}`);
  }
  if (!isCount(method.flashAddress)) problems.push("flashAddress must be a non-negative integer");
  for (const flag of ["autoEntry", "massErase", "removeReadProtection"]) {
    if (!optionalFlag(method[flag])) problems.push(`${flag} must be true or false`);
  }
  if (method.bootloaderWaitMs !== undefined && !isCount(method.bootloaderWaitMs)) {
    problems.push("bootloaderWaitMs must be a non-negative integer");
  }
  if (problems.length > 0) {
    throw new FlashError(
      "unsupported-board",
      `The ${board.name}'s stm32-uart settings are invalid: ${problems.join("; ")}.`,
    );
  }
  return method as unknown as Stm32UartMethod;
}

/** Bytes of application flash the board offers from `flashAddress` (its memory map's flash region). */
export function flashBytesOf(board: Board, flashAddress: number): number {
  const region = board.memoryMap.find(
    (r) => r.kind === "flash" && r.origin <= flashAddress && flashAddress < r.origin + r.length,
  );
  return region ? region.origin + region.length - flashAddress : board.flashBytes;
}
