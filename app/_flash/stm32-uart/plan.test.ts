import { describe, expect, it } from "vitest";
import { chipById, eraseUnits, type Stm32Chip } from "./chips";
import { planFlash } from "./plan";

const BASE = 0x0800_0000;
const f103 = chipById(0x410) as Stm32Chip;
const f401 = chipById(0x433) as Stm32Chip;
const filled = (length: number, value: number) => new Uint8Array(length).fill(value);

describe("planFlash", () => {
  it("cuts the image into 256-byte aligned blocks and trims trailing 0xFF to whole words", () => {
    const data = filled(600, 0x11);
    data.fill(0xff, 590);
    const plan = planFlash([{ offset: BASE + 0x10, data }], f103, BASE, 64 * 1024);
    expect(plan.blocks.map((b) => [b.address, b.data.length])).toEqual([
      [BASE, 256],
      [BASE + 0x100, 256],
      [BASE + 0x200, 0x10 + 590 - 0x200 + 2], // 590 bytes end at 0x25e: rounded up to 0x260
    ]);
    expect([...plan.blocks[0].data.subarray(0, 0x10)].every((b) => b === 0xff)).toBe(true);
    expect(plan.imageBytes).toBe(600);
    expect(plan.blockBytes).toBe(256 + 256 + 0x60);
    expect(plan.units.map((u) => u.index)).toEqual([0]);
  });

  it("skips blocks that are all 0xFF but still erases their pages", () => {
    const data = filled(2048, 0xff);
    data[0] = 0;
    const plan = planFlash([{ offset: BASE + 1024, data }], f103, BASE, 64 * 1024);
    expect(plan.blocks.map((b) => b.address)).toEqual([BASE + 1024]);
    expect(plan.units.map((u) => u.index)).toEqual([1, 2]);
  });

  it("finds the F4 sectors an image touches", () => {
    const plan = planFlash(
      [
        { offset: BASE + 0xbfff, data: filled(2, 0) },
        { offset: BASE + 0x20000, data: filled(4, 0) },
      ],
      f401,
      BASE,
      512 * 1024,
    );
    expect(plan.units.map((u) => [u.index, u.bytes / 1024])).toEqual([
      [2, 16],
      [3, 16],
      [5, 128],
    ]);
  });

  it("refuses overlapping parts and parts outside the flash", () => {
    expect(() =>
      planFlash(
        [
          { offset: BASE, data: filled(10, 1) },
          { offset: BASE + 8, data: filled(4, 2) },
        ],
        f103,
        BASE,
        64 * 1024,
      ),
    ).toThrow(/overlap at 0x08000008/);
    expect(() => planFlash([{ offset: 0x2000_0000, data: filled(4, 1) }], f103, BASE, 64 * 1024)).toThrow(
      /outside the 65,536 bytes of flash at 0x08000000–0x0800ffff/,
    );
  });
});

describe("chip geometry", () => {
  it("lays out F401xD/E sectors and F103 medium-density pages from 0x08000000", () => {
    expect(eraseUnits(f401).map((u) => u.bytes / 1024)).toEqual([16, 16, 16, 16, 64, 128, 128, 128]);
    expect(eraseUnits(f401).at(-1)?.address).toBe(BASE + 384 * 1024);
    const pages = eraseUnits(f103);
    expect(pages).toHaveLength(128);
    expect(pages[3]).toEqual({ index: 3, address: BASE + 3072, bytes: 1024, eraseMaxMs: 40 });
    expect(eraseUnits(chipById(0x415) as Stm32Chip)[511].address).toBe(BASE + 511 * 2048);
  });
});
