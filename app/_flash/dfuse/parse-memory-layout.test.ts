import { describe, expect, it } from "vitest";

import blackpill from "../../../boards/blackpill-f411ce";
import netduino from "../../../boards/netduino-plus-2";
import {
  findSegment,
  layoutSize,
  MemoryLayoutError,
  parseMemoryLayout,
  sectorsInRange,
  writableEnd,
} from "./parse-memory-layout";

const all = { readable: true, erasable: true, writable: true };

describe("parseMemoryLayout", () => {
  it("parses the STM32F405 ROM's internal flash", () => {
    const layout = parseMemoryLayout("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");
    expect(layout).toEqual({
      name: "Internal Flash",
      segments: [
        { start: 0x0800_0000, end: 0x0801_0000, sectorSize: 16 * 1024, ...all },
        { start: 0x0801_0000, end: 0x0802_0000, sectorSize: 64 * 1024, ...all },
        { start: 0x0802_0000, end: 0x0810_0000, sectorSize: 128 * 1024, ...all },
      ],
    });
    expect(layoutSize(layout)).toBe(1024 * 1024);
  });

  it("parses the board catalogue's layouts (F405 1 MiB, F411 512 KiB)", () => {
    if (netduino.flash.protocol !== "dfuse" || blackpill.flash.protocol !== "dfuse") throw new Error("not dfuse");
    expect(layoutSize(parseMemoryLayout(netduino.flash.memoryLayout))).toBe(netduino.flashBytes);
    const f411 = parseMemoryLayout(blackpill.flash.memoryLayout);
    expect(layoutSize(f411)).toBe(blackpill.flashBytes);
    expect(f411.segments.at(-1)?.end).toBe(0x0808_0000);
  });

  it("reads attributes and a blank multiplier", () => {
    expect(parseMemoryLayout("@Option Bytes  /0x1FFFC000/01*016 e")).toEqual({
      name: "Option Bytes",
      segments: [
        { start: 0x1fff_c000, end: 0x1fff_c010, sectorSize: 16, readable: true, erasable: false, writable: true },
      ],
    });
    const otp = parseMemoryLayout("@OTP Memory /0x1FFF7800/01*512 e,01*016 e");
    expect(otp.segments.map((s) => [s.start, s.end])).toEqual([
      [0x1fff_7800, 0x1fff_7a00],
      [0x1fff_7a00, 0x1fff_7a10],
    ]);
    const flags = "abcdefg".split("").map((letter) => {
      const [segment] = parseMemoryLayout(`@X /0x0/1*1K${letter}`).segments;
      return [segment.readable, segment.erasable, segment.writable].map(Number).join("");
    });
    expect(flags).toEqual(["100", "010", "110", "001", "101", "011", "111"]);
    expect(parseMemoryLayout("@SPI /0x90000000/2*1Mg").segments[0].end).toBe(0x9020_0000);
    expect(parseMemoryLayout("@RAM /0x20000000/4*1 B a").segments[0].sectorSize).toBe(1);
  });

  it("handles several /address/sectors groups", () => {
    const layout = parseMemoryLayout("@Internal Flash /0x08000000/04*016Kg/0x0C000000/02*128Kg,01*064Ka");
    expect(layout.segments.map((s) => [s.start.toString(16), s.end.toString(16), s.sectorSize])).toEqual([
      ["8000000", "8010000", 16384],
      ["c000000", "c040000", 131072],
      ["c040000", "c050000", 65536],
    ]);
    expect(layout.segments[2].writable).toBe(false);
  });

  it.each([
    ["", /start with "@"/],
    ["Internal Flash /0x08000000/04*016Kg", /start with "@"/],
    ["@", /no name/],
    ["@Internal Flash", /groups/],
    ["@Internal Flash /0x08000000", /groups/],
    ["@Internal Flash /08000000/04*016Kg", /bad address/],
    ["@Internal Flash /0xZZ/04*016Kg", /bad address/],
    ["@Internal Flash /0x08000000/04*016Kz", /bad sector spec/],
    ["@Internal Flash /0x08000000/4x016Kg", /bad sector spec/],
    ["@Internal Flash /0x08000000/04*016Kg,", /bad sector spec/],
    ["@Internal Flash /0x08000000/00*016Kg", /empty sector spec/],
    ["@Internal Flash /0xFFFF0000/02*064Kg", /32-bit/],
  ])("rejects %j", (input, why) => {
    expect(() => parseMemoryLayout(input)).toThrow(MemoryLayoutError);
    expect(() => parseMemoryLayout(input)).toThrow(why);
  });
});

describe("layout queries", () => {
  const f405 = parseMemoryLayout("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");

  it("finds segments and the end of contiguous writable memory", () => {
    expect(findSegment(f405, 0x0801_2345)?.sectorSize).toBe(65536);
    expect(findSegment(f405, 0x0810_0000)).toBeUndefined();
    expect(writableEnd(f405, 0x0800_0000)).toBe(0x0810_0000);
    expect(writableEnd(f405, 0x2000_0000)).toBeUndefined();
    const readOnly = parseMemoryLayout("@X /0x08000000/1*1Kg,1*1Ka,1*1Kg");
    expect(writableEnd(readOnly, 0x0800_0000)).toBe(0x0800_0400);
    expect(writableEnd(readOnly, 0x0800_0400)).toBeUndefined();
  });

  it("lists only the sectors a range touches", () => {
    // 300 KiB from the start of flash: four 16 KiB sectors, the 64 KiB one, two 128 KiB ones.
    expect(sectorsInRange(f405, 0x0800_0000, 0x0800_0000 + 300 * 1024)).toEqual([
      0x0800_0000, 0x0800_4000, 0x0800_8000, 0x0800_c000, 0x0801_0000, 0x0802_0000, 0x0804_0000,
    ]);
    expect(sectorsInRange(f405, 0x0800_5000, 0x0800_8001)).toEqual([0x0800_4000, 0x0800_8000]);
    expect(sectorsInRange(f405, 0x0800_4000, 0x0800_8000)).toEqual([0x0800_4000]);
    expect(sectorsInRange(f405, 0x0810_0000, 0x0810_1000)).toEqual([]);
    const notErasable = parseMemoryLayout("@Option Bytes  /0x1FFFC000/01*016 e");
    expect(sectorsInRange(notErasable, 0x1fff_c000, 0x1fff_c010)).toEqual([]);
  });
});
