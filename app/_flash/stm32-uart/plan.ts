/**
 * Turns the image parts into what goes on the wire: 256-byte WRITE MEMORY blocks aligned to 256
 * bytes (gaps and padding 0xFF, trailing 0xFF trimmed to a multiple of 4 because erased flash already
 * reads 0xFF) and the pages or sectors those blocks touch, which are the only ones erased.
 */
import { FlashError, type FlashPart } from "../types";
import { type EraseUnit, type Stm32Chip, unitsTouched } from "./chips";
import { MAX_BLOCK } from "./frames";

export interface WriteBlock {
  address: number;
  data: Uint8Array;
}

export interface FlashPlan {
  blocks: WriteBlock[];
  /** Image bytes (sum of the parts). */
  imageBytes: number;
  /** Bytes WRITE MEMORY carries (blocks after trimming). */
  blockBytes: number;
  /** Units to erase, in address order. */
  units: EraseUnit[];
}

const hex8 = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
const bytes = (n: number) => n.toLocaleString("en-US");

/**
 * Part offsets are absolute addresses (0x08000000…), as in Intel HEX; offsets below `flashBytes`
 * are taken relative to `flashAddress`, because flash is aliased at 0 when the chip boots from it.
 */
export function planFlash(parts: readonly FlashPart[], chip: Stm32Chip, flashAddress: number, flashBytes: number) {
  const placed = parts
    .filter((part) => part.data.length > 0)
    .map((part) => ({ start: part.offset < flashBytes ? flashAddress + part.offset : part.offset, data: part.data }))
    .sort((a, b) => a.start - b.start);
  const end = flashAddress + flashBytes;
  for (const [i, part] of placed.entries()) {
    const partEnd = part.start + part.data.length;
    if (part.start < flashAddress || partEnd > end) {
      const over = part.start < flashAddress ? "" : ` (${bytes(partEnd - end)} bytes too many)`;
      throw new FlashError(
        "image-too-large",
        `The image has ${bytes(part.data.length)} bytes at ${hex8(part.start)}, outside the ${bytes(flashBytes)} ` +
          `bytes of flash at ${hex8(flashAddress)}–${hex8(end - 1)}${over}.`,
      );
    }
    const next = placed[i + 1];
    if (next && next.start < partEnd) {
      throw new FlashError("write-failed", `The image's parts overlap at ${hex8(next.start)}: rebuild the firmware.`);
    }
  }

  const blocks = new Map<number, Uint8Array>();
  for (const part of placed) {
    for (let at = part.start; at < part.start + part.data.length;) {
      const blockStart = at - (at % MAX_BLOCK);
      const block = blocks.get(blockStart) ?? new Uint8Array(MAX_BLOCK).fill(0xff);
      blocks.set(blockStart, block);
      const take = Math.min(blockStart + MAX_BLOCK, part.start + part.data.length) - at;
      block.set(part.data.subarray(at - part.start, at - part.start + take), at - blockStart);
      at += take;
    }
  }
  const writes: WriteBlock[] = [];
  for (const [address, block] of [...blocks].sort((a, b) => a[0] - b[0])) {
    let used = block.length;
    while (used > 0 && block[used - 1] === 0xff) used--;
    if (used === 0) continue; // all 0xFF: the erase already wrote it
    writes.push({ address, data: block.subarray(0, Math.ceil(used / 4) * 4) });
  }
  const ranges = placed.map((part) => ({ start: part.start, end: part.start + part.data.length }));
  return {
    blocks: writes,
    imageBytes: placed.reduce((sum, part) => sum + part.data.length, 0),
    blockBytes: writes.reduce((sum, block) => sum + block.data.length, 0),
    units: unitsTouched(chip, ranges),
  } satisfies FlashPlan;
}
