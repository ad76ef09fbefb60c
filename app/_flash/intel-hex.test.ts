import { describe, expect, it } from "vitest";
import { BLINK_C, bigTablesC, compileAvr } from "./stk500/avr-gcc.testing";
import { firstDifference } from "./stk500/flash-test-kit.testing";
import { IntelHexError, parseIntelHex } from "./intel-hex";

/** Builds one record with its checksum, so tests can state intent instead of hex soup. */
function record(type: number, address: number, data: number[] = []): string {
  const bytes = [data.length, (address >> 8) & 0xff, address & 0xff, type, ...data];
  const sum = bytes.reduce((a, b) => a + b, 0);
  const all = [...bytes, (0x100 - (sum & 0xff)) & 0xff];
  return ":" + all.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join("");
}
const EOF_RECORD = ":00000001FF";

describe("parseIntelHex", () => {
  it("reads data records and merges contiguous runs", () => {
    const text = [
      record(0, 0x0000, [1, 2, 3, 4]),
      record(0, 0x0004, [5, 6]),
      record(0, 0x0100, [9]),
      EOF_RECORD,
      "",
    ].join("\r\n");
    expect(parseIntelHex(text)).toEqual([
      { offset: 0, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) },
      { offset: 0x100, data: Uint8Array.from([9]) },
    ]);
  });

  it("merges records given out of order", () => {
    const text = [record(0, 0x10, [3, 4]), record(0, 0x0e, [1, 2]), EOF_RECORD].join("\n");
    expect(parseIntelHex(text)).toEqual([{ offset: 0x0e, data: Uint8Array.from([1, 2, 3, 4]) }]);
  });

  it("accepts a known-good line from avr-objcopy", () => {
    const parts = parseIntelHex(":100000000C9434000C943E000C943E000C943E0082\n:00000001FF\n");
    expect(parts[0].offset).toBe(0);
    expect(Array.from(parts[0].data.subarray(0, 4))).toEqual([0x0c, 0x94, 0x34, 0x00]);
  });

  it("applies extended segment (02) and extended linear (04) addresses", () => {
    const text = [
      record(2, 0, [0x10, 0x00]), // segment 0x1000 * 16 = 0x10000
      record(0, 0x0002, [0xaa]),
      record(4, 0, [0x08, 0x00]), // 0x0800_0000
      record(0, 0x0000, [0xbb, 0xcc]),
      record(5, 0, [0x08, 0x00, 0x01, 0x23]), // start linear address: ignored
      EOF_RECORD,
    ].join("\n");
    expect(parseIntelHex(text)).toEqual([
      { offset: 0x10002, data: Uint8Array.from([0xaa]) },
      { offset: 0x0800_0000, data: Uint8Array.from([0xbb, 0xcc]) },
    ]);
  });

  it("stops at the end-of-file record", () => {
    const text = [record(0, 0, [1]), EOF_RECORD, "garbage after the end"].join("\n");
    expect(parseIntelHex(text)).toEqual([{ offset: 0, data: Uint8Array.from([1]) }]);
  });

  it("names the line of a bad checksum", () => {
    const good = record(0, 0x0000, [1, 2, 3]);
    const bad = record(0, 0x0003, [4, 5]).slice(0, -2) + "00";
    const text = [good, bad, EOF_RECORD].join("\n");
    expect(() => parseIntelHex(text)).toThrow(IntelHexError);
    expect(() => parseIntelHex(text)).toThrow(/line 2: checksum is 0x00 but the record sums to 0x/);
  });

  it("rejects malformed records with the line number", () => {
    expect(() => parseIntelHex(`${record(0, 0, [1])}\nhello\n${EOF_RECORD}`)).toThrow(/line 2: expected a record/);
    expect(() => parseIntelHex(`:0400000001020304F\n${EOF_RECORD}`)).toThrow(/line 1: record is too short/);
    expect(() => parseIntelHex(`:0Z00000001\n`)).toThrow(/line 1: contains characters/);
    expect(() => parseIntelHex(`${record(0, 0, [1, 2]).replace(/^:02/, ":03")}\n`)).toThrow(/line 1: byte count/);
    expect(() => parseIntelHex(`${record(6, 0, [1])}\n${EOF_RECORD}`)).toThrow(/line 1: unknown record type 0x06/);
  });

  it("rejects a file without end-of-file record", () => {
    expect(() => parseIntelHex(record(0, 0, [1, 2]))).toThrow(/no end-of-file record/);
  });

  it("rejects overlapping data", () => {
    const text = [record(0, 0, [1, 2, 3, 4]), record(0, 2, [9]), EOF_RECORD].join("\n");
    expect(() => parseIntelHex(text)).toThrow(/line 2: data at 0x2 overlaps/);
  });

  it("returns nothing for an empty image", () => {
    expect(parseIntelHex(EOF_RECORD)).toEqual([]);
  });
});

describe("parseIntelHex on real avr-objcopy output", () => {
  it("equals avr-objcopy -O binary for an ATmega328P program", () => {
    const { hex, bin } = compileAvr(BLINK_C, "atmega328p");
    const parts = parseIntelHex(hex);
    expect(parts).toHaveLength(1);
    expect(parts[0].offset).toBe(0);
    expect(firstDifference(parts[0].data, bin)).toBe(-1);
  });

  it("equals avr-objcopy -O binary for an ATmega2560 image past 128 KiB (02 records)", () => {
    const { hex, bin } = compileAvr(bigTablesC(5), "atmega2560");
    expect(hex).toMatch(/^:02000002/m);
    const parts = parseIntelHex(hex);
    expect(parts).toHaveLength(1);
    expect(parts[0].offset).toBe(0);
    expect(parts[0].data.length).toBeGreaterThan(128 * 1024);
    expect(firstDifference(parts[0].data, bin)).toBe(-1);
  });
});
