import { describe, expect, it } from "vitest";
import { binToUf2 } from "./uf2";

const RP2040_FAMILY = 0xe48b_ff56;
const word = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);

describe("binToUf2", () => {
  it("puts each 256-byte page in its own 512-byte block with address, number, count and family", () => {
    const image = Uint8Array.from({ length: 600 }, (_, i) => (i * 7 + 1) & 0xff);
    const uf2 = binToUf2(image, 0x1000_0000, RP2040_FAMILY);
    expect(uf2.length).toBe(3 * 512);
    for (let block = 0; block < 3; block++) {
      const at = block * 512;
      expect([word(uf2, at), word(uf2, at + 4), word(uf2, at + 508)]).toEqual([0x0a324655, 0x9e5d5157, 0x0ab16f30]);
      expect(word(uf2, at + 8)).toBe(0x2000);
      expect(word(uf2, at + 12)).toBe(0x1000_0000 + block * 256);
      expect(word(uf2, at + 16)).toBe(256);
      expect([word(uf2, at + 20), word(uf2, at + 24)]).toEqual([block, 3]);
      expect(word(uf2, at + 28)).toBe(RP2040_FAMILY);
    }
    expect(uf2.subarray(32, 32 + 256)).toEqual(image.subarray(0, 256));
    expect(uf2.subarray(2 * 512 + 32, 2 * 512 + 32 + 88)).toEqual(image.subarray(512));
    expect(uf2.subarray(2 * 512 + 32 + 88, 2 * 512 + 32 + 256).every((byte) => byte === 0xff)).toBe(true);
  });

  it("refuses an empty image and an address off a page boundary", () => {
    expect(() => binToUf2(new Uint8Array(0), 0x1000_0000, RP2040_FAMILY)).toThrow(/empty/);
    expect(() => binToUf2(new Uint8Array(4), 0x1000_0010, RP2040_FAMILY)).toThrow(/256-byte page, not at 0x10000010/);
  });
});
