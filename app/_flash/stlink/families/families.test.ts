import { describe, expect, it } from "vitest";

import { alignParts, FLASH_CONTROLLERS } from ".";

const KiB = 1024;
const BASE = 0x0800_0000;

describe("flash controller geometry", () => {
  it("splits an F103 into 1 KiB pages, and high-density parts into 2 KiB pages", () => {
    const f1 = FLASH_CONTROLLERS.stm32f1();
    expect(f1.eraseUnits(BASE, 64 * KiB, 0x410)).toHaveLength(64);
    const large = f1.eraseUnits(BASE, 256 * KiB, 0x414);
    expect(large).toHaveLength(128);
    expect(large[1]).toEqual({ index: 1, start: BASE + 2 * KiB, size: 2 * KiB, bank: 0 });
    expect(() => f1.eraseUnits(BASE, 1024 * KiB, 0x430)).toThrow(/XL-density/);
  });

  it("lays out F4 sectors, numbering a 2 MiB part's second bank from 12", () => {
    const f4 = FLASH_CONTROLLERS.stm32f4();
    expect(f4.eraseUnits(BASE, 512 * KiB, 0x433).map((unit) => unit.size / KiB)).toEqual([
      16, 16, 16, 16, 64, 128, 128, 128,
    ]);
    const dual = f4.eraseUnits(BASE, 2048 * KiB, 0x419);
    expect(dual).toHaveLength(24);
    expect(dual[12]).toEqual({ index: 12, start: BASE + 1024 * KiB, size: 16 * KiB, bank: 1 });
  });

  it("keys F4 erase timeouts by sector size in bytes (webstlink's KiB/byte mix-up timed out at once)", () => {
    const f4 = FLASH_CONTROLLERS.stm32f4();
    const [small, , , , medium, large] = f4.eraseUnits(BASE, 512 * KiB, 0x433);
    expect([small, medium, large].map((unit) => f4.eraseTimeoutMs(unit))).toEqual([1600, 4800, 8000]);
  });

  it("numbers L4 pages within their bank on dual-bank parts only", () => {
    const l4 = FLASH_CONTROLLERS.stm32l4();
    const dual = l4.eraseUnits(BASE, 1024 * KiB, 0x415);
    expect(dual[256]).toEqual({ index: 0, start: BASE + 512 * KiB, size: 2 * KiB, bank: 1 });
    const single = l4.eraseUnits(BASE, 256 * KiB, 0x435);
    expect(single.at(-1)).toEqual({ index: 127, start: BASE + 254 * KiB, size: 2 * KiB, bank: 0 });
  });

  it("chooses the F4 parallelism from the supply voltage", () => {
    const f4 = FLASH_CONTROLLERS.stm32f4();
    expect([3.3, 2.5, 1.9, undefined].map((volts) => f4.programPlan(volts).width)).toEqual([4, 2, 1, 1]);
  });
});

describe("alignParts", () => {
  it("pads to the programming unit with 0xFF and merges parts that then touch", () => {
    const parts = alignParts(
      [
        { offset: BASE + 9, data: Uint8Array.of(1, 2) },
        { offset: BASE, data: Uint8Array.of(7, 7, 7) },
        { offset: BASE + 0x100, data: Uint8Array.of(5) },
      ],
      8,
    );
    expect(parts.map((part) => [part.offset - BASE, [...part.data]])).toEqual([
      [0, [7, 7, 7, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 0xff, 0xff, 0xff, 0xff, 0xff]],
      [0x100, [5, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ]);
  });
});
