/** AVR images and chips: flat page-aligned images from parts, chip names from signature bytes. */
import type { Board } from "../../../boards/schema";
import { FlashError, type FlashPart } from "../types";
import { hexByte } from "./protocol";

const CHIPS: Record<string, string> = {
  "1e9205": "ATmega48",
  "1e930a": "ATmega88",
  "1e9307": "ATmega8",
  "1e9406": "ATmega168",
  "1e940b": "ATmega168P",
  "1e9489": "ATmega16U2",
  "1e9514": "ATmega328",
  "1e950f": "ATmega328P",
  "1e9516": "ATmega328PB",
  "1e9587": "ATmega32U4",
  "1e960a": "ATmega644P",
  "1e9608": "ATmega640",
  "1e9703": "ATmega1280",
  "1e9705": "ATmega1284P",
  "1e9801": "ATmega2560",
};

export const formatSignature = (sig: readonly number[]) => sig.map(hexByte).join(" ");

/** "ATmega328P", or null for a signature we do not know. */
export function avrChipName(sig: readonly number[]): string | null {
  return CHIPS[sig.map(hexByte).join("")] ?? null;
}

export const formatBytes = (n: number) => n.toLocaleString("en-US");

export interface AvrImage {
  /** Byte 0 up to the last page touched, gaps and the tail of the last page filled with 0xFF. */
  data: Uint8Array;
  /** Bytes up to the end of the last part (what progress reports count). */
  size: number;
}

/**
 * Lays the parts (byte addresses) out from address 0. Fails with "image-too-large" when they reach
 * past `limit`, the bytes the application may use (the bootloader keeps the rest).
 */
export function buildAvrImage(parts: FlashPart[], board: Board, pageSize: number, limit = board.flashBytes): AvrImage {
  let size = 0;
  for (const part of parts) {
    if (!Number.isInteger(part.offset) || part.offset < 0) {
      throw new FlashError("write-failed", `A part starts at ${part.offset}: AVR parts need a byte address ≥ 0.`);
    }
    if (part.data.length > 0) size = Math.max(size, part.offset + part.data.length);
  }
  if (size === 0) throw new FlashError("write-failed", "Nothing to flash: the image is empty.");
  if (size > limit) {
    throw new FlashError(
      "image-too-large",
      `The image needs ${formatBytes(size)} bytes but the ${board.name} (${board.mcu}) has room for ` +
        `${formatBytes(limit)} bytes of program; the bootloader keeps the rest. ` +
        `It is ${formatBytes(size - limit)} bytes too large.`,
    );
  }
  const data = new Uint8Array(Math.ceil(size / pageSize) * pageSize).fill(0xff);
  for (const part of parts) data.set(part.data, part.offset);
  return { data, size };
}

/** End of the whole flash (application + bootloader) from the board's memory map. */
export function totalFlashBytes(board: Board): number {
  const boot = board.memoryMap.find((r) => r.name === "bootloader");
  return boot ? boot.origin + boot.length : board.flashBytes;
}

/** Room for the application under the old 2 KiB ATmegaBOOT (57600 baud), for the same chip. */
export function oldBootloaderLimit(board: Board): number {
  return Math.min(board.flashBytes, totalFlashBytes(board) - 2048);
}
