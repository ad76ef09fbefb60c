/**
 * A raw image turned into a UF2 file (Microsoft's USB Flashing Format, as the RP2040 boot ROM's RPI-RP2
 * drive takes it): 512-byte blocks, each carrying 256 bytes for one flash page, its address, its number,
 * the block count and the chip family id, so the ROM can reject a file for another chip.
 */
const BLOCK_BYTES = 512;
const PAYLOAD_BYTES = 256;
const MAGIC_START0 = 0x0a32_4655;
const MAGIC_START1 = 0x9e5d_5157;
const MAGIC_END = 0x0ab1_6f30;
const FLAG_FAMILY_ID_PRESENT = 0x0000_2000;

/** `image` starts at `address` (a multiple of 256); the last page is padded with erased flash (0xFF). */
export function binToUf2(image: Uint8Array, address: number, familyId: number): Uint8Array {
  if (image.length === 0) throw new Error("The image is empty: there is nothing to put in a UF2 file.");
  if (address % PAYLOAD_BYTES !== 0) {
    throw new Error(`A UF2 image must start on a 256-byte page, not at 0x${address.toString(16)}.`);
  }
  const blocks = Math.ceil(image.length / PAYLOAD_BYTES);
  const out = new Uint8Array(blocks * BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let block = 0; block < blocks; block++) {
    const at = block * BLOCK_BYTES;
    view.setUint32(at, MAGIC_START0, true);
    view.setUint32(at + 4, MAGIC_START1, true);
    view.setUint32(at + 8, FLAG_FAMILY_ID_PRESENT, true);
    view.setUint32(at + 12, address + block * PAYLOAD_BYTES, true);
    view.setUint32(at + 16, PAYLOAD_BYTES, true);
    view.setUint32(at + 20, block, true);
    view.setUint32(at + 24, blocks, true);
    view.setUint32(at + 28, familyId, true);
    const payload = out.subarray(at + 32, at + 32 + PAYLOAD_BYTES).fill(0xff);
    payload.set(image.subarray(block * PAYLOAD_BYTES, (block + 1) * PAYLOAD_BYTES));
    view.setUint32(at + BLOCK_BYTES - 4, MAGIC_END, true);
  }
  return out;
}
