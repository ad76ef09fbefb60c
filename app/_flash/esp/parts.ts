import { FlashError, type FlashPart } from "../types";

export const SECTOR_SIZE = 0x1000;

/** "4MB" / "512KB" (as boards and esptool write flash sizes) in bytes. */
export function flashSizeBytes(text: string): number {
  const match = /^(\d+)\s*(KB|MB)$/i.exec(text.trim());
  if (!match) throw new FlashError("unsupported-board", `The board declares an unknown flash size "${text}".`);
  return Number(match[1]) * (match[2].toUpperCase() === "MB" ? 1024 * 1024 : 1024);
}

const hex = (n: number) => `0x${n.toString(16)}`;

/**
 * Checks the parts fit the board's flash before anything touches the chip: every part starts on a
 * 4 KiB sector (the chip erases whole sectors, so a misaligned part would wipe its neighbour), no two
 * overlap and all end inside the flash. Empty parts are dropped. Returns the parts to write.
 */
export function checkParts(parts: FlashPart[], flashSize: string, boardName: string): FlashPart[] {
  const size = flashSizeBytes(flashSize);
  const nonEmpty = parts.filter((part) => part.data.length > 0);
  if (nonEmpty.length === 0) throw new FlashError("write-failed", "Nothing to flash: the build has no image.");
  for (const part of nonEmpty) {
    if (!Number.isInteger(part.offset) || part.offset < 0 || part.offset % SECTOR_SIZE !== 0) {
      throw new FlashError(
        "image-too-large",
        `The part at ${hex(part.offset)} does not start on a 4 KiB flash sector: the image layout is broken, rebuild it.`,
      );
    }
    const end = part.offset + part.data.length;
    if (end > size) {
      throw new FlashError(
        "image-too-large",
        `The image does not fit: the part at ${hex(part.offset)} ends at ${hex(end)}, but ${boardName} has ` +
          `${flashSize} of flash (${hex(size)} bytes).`,
      );
    }
  }
  const sorted = [...nonEmpty].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const previousEnd = Math.ceil((previous.offset + previous.data.length) / SECTOR_SIZE) * SECTOR_SIZE;
    if (sorted[i].offset < previousEnd) {
      throw new FlashError(
        "image-too-large",
        `The part at ${hex(previous.offset)} (${previous.data.length} bytes) runs into the part at ` +
          `${hex(sorted[i].offset)}: make it smaller or move the next part.`,
      );
    }
  }
  return nonEmpty;
}
