/**
 * Turns the build's parts into what PICOBOOT needs: 256-byte pages padded with 0xFF, grouped into one
 * WRITE per 4 KiB sector, and runs of sectors to erase. Refuses images the Pico could not boot.
 */
import { FlashError, type FlashPart } from "../types";
import { PAGE_BYTES, SECTOR_BYTES, type PicobootMethod } from "./picoboot-method";

/** Sectors per FLASH_ERASE: long enough to be quick, short enough for steady progress (16 × 45 ms). */
export const SECTORS_PER_ERASE = 16;
const BOOT2_BYTES = 256;

export interface PicobootChunk {
  address: number;
  /** A whole number of pages inside one sector. */
  data: Uint8Array;
}

export interface PicobootPlan {
  chunks: PicobootChunk[];
  erases: { address: number; size: number }[];
  sectorCount: number;
  /** Bytes written over USB (whole pages). */
  totalBytes: number;
  /** Bytes of the image itself. */
  imageBytes: number;
}

const hex = (value: number) => `0x${value.toString(16).padStart(8, "0")}`;
const bytes = (n: number) => n.toLocaleString("en-US");

export function planImage(parts: FlashPart[], method: PicobootMethod): PicobootPlan {
  const sorted = parts.filter((part) => part.data.length > 0).sort((a, b) => a.offset - b.offset);
  if (sorted.length === 0) throw new FlashError("write-failed", "Nothing to flash: the image is empty.");
  const start = method.flashAddress;
  const end = start + method.flashBytes;
  let previousEnd = -1;
  for (const part of sorted) {
    const partEnd = part.offset + part.data.length;
    if (part.offset < start || part.offset >= end) {
      throw new FlashError(
        "image-too-large",
        `The image has data at ${hex(part.offset)}, outside the Pico's flash (${hex(start)}–${hex(end - 1)}).`,
      );
    }
    if (partEnd > end) {
      throw new FlashError(
        "image-too-large",
        `The image is ${bytes(partEnd - start)} bytes but the flash holds ${bytes(method.flashBytes)}: ` +
          `${bytes(partEnd - end)} bytes too many.`,
      );
    }
    if (part.offset < previousEnd)
      throw new FlashError("write-failed", `Two parts of the image overlap at ${hex(part.offset)}.`);
    previousEnd = partEnd;
  }
  if (sorted[0].offset !== start) {
    throw new FlashError(
      "write-failed",
      `The image starts at ${hex(sorted[0].offset)}, but an RP2040 image must start at ${hex(start)} with its ` +
        "256-byte boot2 (the build's .bin does): without it the Pico would not start.",
    );
  }

  const pages = new Map<number, Uint8Array>();
  for (const part of sorted) {
    for (let at = part.offset; at < part.offset + part.data.length;) {
      const pageAddress = at - (at % PAGE_BYTES);
      const page = pages.get(pageAddress) ?? new Uint8Array(PAGE_BYTES).fill(0xff);
      pages.set(pageAddress, page);
      const take = Math.min(pageAddress + PAGE_BYTES - at, part.offset + part.data.length - at);
      page.set(part.data.subarray(at - part.offset, at - part.offset + take), at - pageAddress);
      at += take;
    }
  }
  checkBoot2(pages.get(start)!, sorted[0].data.length);

  const chunks: PicobootChunk[] = [];
  const addresses = [...pages.keys()].sort((a, b) => a - b);
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const data = new Uint8Array(run.length * PAGE_BYTES);
    run.forEach((address, i) => data.set(pages.get(address)!, i * PAGE_BYTES));
    chunks.push({ address: run[0], data });
    run = [];
  };
  for (const address of addresses) {
    const last = run.at(-1);
    const sameSector = last !== undefined && Math.floor(last / SECTOR_BYTES) === Math.floor(address / SECTOR_BYTES);
    if (last !== undefined && (!sameSector || address !== last + PAGE_BYTES)) flush();
    run.push(address);
  }
  flush();

  const sectors = [...new Set(addresses.map((address) => address - (address % SECTOR_BYTES)))];
  const erases: PicobootPlan["erases"] = [];
  for (const sector of sectors) {
    const last = erases.at(-1);
    if (last && last.address + last.size === sector && last.size < SECTORS_PER_ERASE * SECTOR_BYTES) {
      last.size += SECTOR_BYTES;
    } else {
      erases.push({ address: sector, size: SECTOR_BYTES });
    }
  }
  return {
    chunks,
    erases,
    sectorCount: sectors.length,
    totalBytes: addresses.length * PAGE_BYTES,
    imageBytes: sorted.reduce((sum, part) => sum + part.data.length, 0),
  };
}

/** The boot ROM copies boot2 to SRAM and runs it only if its CRC-32/MPEG-2 (last word) matches. */
function checkBoot2(first: Uint8Array, firstPartBytes: number): void {
  if (firstPartBytes < BOOT2_BYTES) {
    throw new FlashError(
      "write-failed",
      `The image is only ${firstPartBytes} bytes: an RP2040 image begins with the 256-byte boot2, so the Pico could not start it.`,
    );
  }
  const expected = new DataView(first.buffer, first.byteOffset).getUint32(BOOT2_BYTES - 4, true);
  const actual = crc32Mpeg2(first.subarray(0, BOOT2_BYTES - 4));
  if (actual !== expected) {
    throw new FlashError(
      "write-failed",
      `The image's first 256 bytes are not a valid RP2040 boot2 (CRC-32 ${hex(actual)}, stored ${hex(expected)}): ` +
        "the boot ROM would refuse to start it. Flash the build's .bin for this board, which starts with boot2.",
    );
  }
}

export function crc32Mpeg2(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = (crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1) >>> 0;
  }
  return crc >>> 0;
}
