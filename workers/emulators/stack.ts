/**
 * An approximate machine can have less SRAM than the board (the Blue Pill's F103 has 20 KiB, QEMU's F100 model 8 KiB):
 * an initial stack pointer past the model's SRAM faults on the first push. For such runs the vector table's first
 * word is moved to the model's SRAM end, and the result says so. Only the copy handed to the emulator changes.
 */
const PT_LOAD = 1;

/** File offset of a CPU address inside the ELF's loadable segments (ELF32 little-endian), or null. */
function elfOffset(elf: DataView, address: number): number | null {
  if (elf.getUint8(4) !== 1 || elf.getUint8(5) !== 1) return null; // ELF32, little-endian only
  const phoff = elf.getUint32(28, true);
  const phentsize = elf.getUint16(42, true);
  const phnum = elf.getUint16(44, true);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 32 > elf.byteLength || elf.getUint32(at, true) !== PT_LOAD) continue;
    const offset = elf.getUint32(at + 4, true);
    const paddr = elf.getUint32(at + 12, true);
    const filesz = elf.getUint32(at + 16, true);
    if (address >= paddr && address + 4 <= paddr + filesz) return offset + (address - paddr);
  }
  return null;
}

const isElf = (image: Uint8Array) => image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;

/** The image with its initial SP lowered to `ramEnd` when it points past it, and a note saying so. */
export function fitInitialStack(
  image: Uint8Array,
  vectorTable: number,
  ramEnd: number,
): { image: Uint8Array; note?: string } {
  const copy = new Uint8Array(image);
  const view = new DataView(copy.buffer);
  const offset = isElf(copy) ? elfOffset(view, vectorTable) : 0;
  if (offset === null || offset + 4 > copy.length) return { image };
  const sp = view.getUint32(offset, true);
  // Only a stack pointer in the same SRAM region, past its end on the model (not one in another memory).
  if (sp <= ramEnd || sp >> 28 !== ramEnd >> 28) return { image };
  view.setUint32(offset, ramEnd, true);
  const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
  return { image: copy, note: `initial stack moved from ${hex(sp)} to ${hex(ramEnd)}, the model's SRAM end` };
}
