import { describe, expect, it } from "vitest";
import {
  addressFrame,
  commandFrame,
  commandName,
  eraseFrame,
  extendedEraseFrame,
  extendedMassEraseFrame,
  globalEraseFrame,
  readLengthFrame,
  writeDataFrame,
  xorChecksum,
} from "./frames";

const bytes = (frame: Uint8Array) => [...frame];

describe("AN3155 frames", () => {
  it("sends each command as its code and complement", () => {
    expect(bytes(commandFrame(0x00))).toEqual([0x00, 0xff]);
    expect(bytes(commandFrame(0x31))).toEqual([0x31, 0xce]);
    expect(bytes(commandFrame(0x92))).toEqual([0x92, 0x6d]);
    expect(commandName(0x44)).toBe("EXTENDED ERASE (0x44)");
    expect(commandName(0x55)).toBe("command (0x55)");
  });

  it("sends addresses most significant byte first with their XOR", () => {
    expect(bytes(addressFrame(0x0800_0000))).toEqual([0x08, 0x00, 0x00, 0x00, 0x08]);
    expect(bytes(addressFrame(0x0800_1234))).toEqual([0x08, 0x00, 0x12, 0x34, 0x08 ^ 0x12 ^ 0x34]);
    expect(bytes(addressFrame(0xffff_fffc))).toEqual([0xff, 0xff, 0xff, 0xfc, 0x03]);
  });

  it("sends READ MEMORY's length as N - 1 and its complement", () => {
    expect(bytes(readLengthFrame(256))).toEqual([0xff, 0x00]);
    expect(bytes(readLengthFrame(4))).toEqual([0x03, 0xfc]);
    expect(() => readLengthFrame(0)).toThrow(RangeError);
    expect(() => readLengthFrame(257)).toThrow(RangeError);
  });

  it("checksums WRITE MEMORY's count with its data and wants whole words", () => {
    expect(bytes(writeDataFrame(Uint8Array.of(1, 2, 3, 4)))).toEqual([3, 1, 2, 3, 4, 3 ^ 1 ^ 2 ^ 3 ^ 4]);
    const full = writeDataFrame(new Uint8Array(256).fill(0xa5));
    expect(full.length).toBe(258);
    expect(full[0]).toBe(0xff);
    expect(full[257]).toBe(0xff); // 0xff ^ (256 × 0xa5, an even count) = 0xff
    expect(() => writeDataFrame(Uint8Array.of(1, 2, 3))).toThrow(/multiple of 4/);
    expect(() => writeDataFrame(new Uint8Array(260))).toThrow(RangeError);
  });

  it("encodes legacy ERASE page lists and the global erase", () => {
    expect(bytes(eraseFrame([0, 1, 2]))).toEqual([2, 0, 1, 2, 2 ^ 0 ^ 1 ^ 2]);
    expect(bytes(eraseFrame([16]))).toEqual([0, 16, 16]);
    expect(bytes(globalEraseFrame())).toEqual([0xff, 0x00]);
    expect(() => eraseFrame([])).toThrow(RangeError);
    expect(() => eraseFrame(Array.from({ length: 256 }, (_, i) => i))).toThrow(RangeError);
    expect(() => eraseFrame([256])).toThrow(/one byte/);
  });

  it("encodes EXTENDED ERASE lists as 16-bit words and the mass erase code", () => {
    expect(bytes(extendedEraseFrame([5]))).toEqual([0x00, 0x00, 0x00, 0x05, 0x05]);
    expect(bytes(extendedEraseFrame([0, 1]))).toEqual([0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00]);
    expect(bytes(extendedEraseFrame([0x1ff]))).toEqual([0x00, 0x00, 0x01, 0xff, 0xfe]);
    expect(bytes(extendedMassEraseFrame())).toEqual([0xff, 0xff, 0x00]);
    expect(() => extendedEraseFrame([0xfff0])).toThrow(RangeError);
  });

  it("XORs bytes from a seed", () => {
    expect(xorChecksum([])).toBe(0);
    expect(xorChecksum([0x12, 0x34], 0xff)).toBe(0x12 ^ 0x34 ^ 0xff);
  });
});
