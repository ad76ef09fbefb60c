/**
 * The catalogue entry a board needs to be flashed over PICOBOOT. boards/schema.ts has no "picoboot"
 * method yet, so the flasher reads board.flash through this schema and says what is wrong with it.
 */
import { z } from "zod";

import type { Board } from "../../../boards/schema";
import { FlashError } from "../types";

/** Where the RP2040 maps its QSPI flash (XIP); images start here with the 256-byte boot2. */
export const RP2040_FLASH_ADDRESS = 0x1000_0000;
export const SECTOR_BYTES = 4096;
export const PAGE_BYTES = 256;

export const picobootMethodSchema = z.object({
  protocol: z.literal("picoboot"),
  /** Absolute address of the first flash byte: boot2 lives here. */
  flashAddress: z.literal(RP2040_FLASH_ADDRESS),
  /** The whole flash chip (2 MiB on the Pico), boot2 included; a whole number of 4 KiB sectors. */
  flashBytes: z
    .number()
    .int()
    .positive()
    .multipleOf(SECTOR_BYTES)
    .max(16 * 1024 * 1024),
  enterBootloader: z.string().min(1),
});

export type PicobootMethod = z.infer<typeof picobootMethodSchema>;

export function readPicobootMethod(board: Board): PicobootMethod {
  const method: unknown = board.flash;
  const protocol = (method as { protocol?: unknown }).protocol;
  if (protocol !== "picoboot") {
    throw new FlashError("unsupported-board", `${board.name} is not flashed over PICOBOOT (${String(protocol)}).`);
  }
  const parsed = picobootMethodSchema.safeParse(method);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new FlashError("unsupported-board", `${board.name}'s PICOBOOT settings are invalid (${problems}).`);
  }
  return parsed.data;
}
