import { describe, expect, it } from "vitest";

import { boot2Words } from "../../../workers/codegen/templates/families/rp2040";
import { crc32Mpeg2, planImage } from "./picoboot-image";
import { FLASH_START, PICOBOOT_METHOD, picoImage } from "./test-support";

const KiB = 1024;

describe("planImage", () => {
  it("writes whole pages, one WRITE per sector, and erases in runs of at most 16 sectors", () => {
    const plan = planImage([{ offset: FLASH_START, data: picoImage(70 * KiB + 1) }], PICOBOOT_METHOD);
    expect(plan.sectorCount).toBe(18);
    expect(plan.erases).toEqual([
      { address: FLASH_START, size: 64 * KiB },
      { address: FLASH_START + 64 * KiB, size: 8 * KiB },
    ]);
    expect(plan.chunks).toHaveLength(18);
    expect(plan.chunks.every((chunk) => chunk.address % 4096 === 0 && chunk.data.length % 256 === 0)).toBe(true);
    const last = plan.chunks.at(-1)!;
    // The last sector holds 2 KiB and one byte of the image: 9 pages, the last one padded with 0xFF.
    expect(last).toMatchObject({ address: FLASH_START + 68 * KiB });
    expect(last.data).toHaveLength(2 * KiB + 256);
    expect(last.data.subarray(2 * KiB + 1).every((byte) => byte === 0xff)).toBe(true);
    expect(plan.totalBytes).toBe(70 * KiB + 256);
    expect(plan.imageBytes).toBe(70 * KiB + 1);
  });

  it("starts a new erase run after a gap", () => {
    const plan = planImage(
      [
        { offset: FLASH_START, data: picoImage(300) },
        { offset: FLASH_START + 0x2_0000, data: new Uint8Array(10) },
      ],
      PICOBOOT_METHOD,
    );
    expect(plan.erases).toEqual([
      { address: FLASH_START, size: 4096 },
      { address: FLASH_START + 0x2_0000, size: 4096 },
    ]);
    expect(plan.chunks.map((chunk) => [chunk.address, chunk.data.length])).toEqual([
      [FLASH_START, 512],
      [FLASH_START + 0x2_0000, 256],
    ]);
  });

  it("accepts the boot2 the build generates and checks it with the boot ROM's CRC", () => {
    const words = boot2Words();
    const bytes = new Uint8Array(252);
    words.slice(0, 63).forEach((word, i) => new DataView(bytes.buffer).setUint32(i * 4, word, true));
    expect(crc32Mpeg2(bytes)).toBe(words[63]);
    // Reference value of CRC-32/MPEG-2 for "123456789".
    expect(crc32Mpeg2(new TextEncoder().encode("123456789"))).toBe(0x0376e6e7);
  });

  it("refuses overlapping parts and images shorter than boot2", () => {
    expect(() =>
      planImage(
        [
          { offset: FLASH_START, data: picoImage(1024) },
          { offset: FLASH_START + 512, data: new Uint8Array(4) },
        ],
        PICOBOOT_METHOD,
      ),
    ).toThrow(/overlap at 0x10000200/);
    expect(() => planImage([{ offset: FLASH_START, data: new Uint8Array(100) }], PICOBOOT_METHOD)).toThrow(
      /only 100 bytes: an RP2040 image begins with the 256-byte boot2/,
    );
    expect(() => planImage([], PICOBOOT_METHOD)).toThrow(/Nothing to flash/);
  });
});
