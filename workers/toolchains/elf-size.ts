export interface ElfSection {
  name: string;
  /** Section type as readelf names it (PROGBITS, NOBITS, INIT_ARRAY, ARM_EXIDX, ...), or its number in hex. */
  type: string;
  flags: number;
  addr: number;
  size: number;
}

export interface ElfMemory {
  /** Allocated sections with contents: what `size` reports as text + data (data's load image lives in flash). */
  flash: number;
  /** Allocated writable sections: data + bss (+ noinit). */
  ram: number;
  /** Allocated (SHF_ALLOC) sections only; debug and symbol sections occupy no target memory. */
  sections: ElfSection[];
}

const SHF_WRITE = 0x1;
const SHF_ALLOC = 0x2;
const SHT_NULL = 0;
const SHT_NOBITS = 8;
const SHN_XINDEX = 0xffff;

const typeNames: Record<number, string> = {
  1: "PROGBITS",
  2: "SYMTAB",
  3: "STRTAB",
  4: "RELA",
  6: "DYNAMIC",
  7: "NOTE",
  8: "NOBITS",
  9: "REL",
  14: "INIT_ARRAY",
  15: "FINI_ARRAY",
  16: "PREINIT_ARRAY",
  0x70000001: "ARM_EXIDX",
  0x70000003: "ARM_ATTRIBUTES",
};

// AVR keeps EEPROM contents, fuses, lock bits and the signature in ELF sections at 0x810000+ that are marked
// allocated and writable, yet they are neither program flash nor SRAM; avr-size -C leaves them out too.
const nonMemorySections = new Set([".eeprom", ".fuse", ".lock", ".signature", ".user_signatures"]);

/** Reads flash and static RAM use from a 32-bit little-endian ELF's section headers (ARM, AVR, RISC-V, Xtensa). */
export function readElfMemory(elf: Uint8Array): ElfMemory {
  if (elf.length < 52 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) {
    throw new Error("Not an ELF file");
  }
  if (elf[4] !== 1 || elf[5] !== 1) throw new Error("Only 32-bit little-endian ELF files are supported");
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  const shoff = u32(0x20);
  const shentsize = u16(0x2e);
  let shnum = u16(0x30);
  let shstrndx = u16(0x32);
  if (shoff === 0) throw new Error("ELF file has no section headers");
  if (shentsize < 40 || shoff + shentsize > elf.length) throw new Error("ELF section header table is truncated");
  // Extended numbering: with 0xff00+ sections the real count and string-table index live in section 0.
  if (shnum === 0) shnum = u32(shoff + 20);
  if (shstrndx === SHN_XINDEX) shstrndx = u32(shoff + 24);
  if (shoff + shnum * shentsize > elf.length) throw new Error("ELF section header table is truncated");

  const header = (index: number) => {
    const at = shoff + index * shentsize;
    return {
      nameOffset: u32(at),
      type: u32(at + 4),
      flags: u32(at + 8),
      addr: u32(at + 12),
      offset: u32(at + 16),
      size: u32(at + 20),
    };
  };
  const strtab = shstrndx < shnum ? header(shstrndx) : null;
  const nameAt = (offset: number) => {
    if (!strtab) return "";
    let end = strtab.offset + offset;
    const limit = Math.min(elf.length, strtab.offset + strtab.size);
    while (end < limit && elf[end] !== 0) end++;
    return new TextDecoder().decode(elf.subarray(strtab.offset + offset, end));
  };

  let flash = 0;
  let ram = 0;
  const sections: ElfSection[] = [];
  for (let index = 1; index < shnum; index++) {
    const section = header(index);
    if (section.type === SHT_NULL || (section.flags & SHF_ALLOC) === 0) continue;
    const name = nameAt(section.nameOffset);
    sections.push({
      name,
      type: typeNames[section.type] ?? `0x${section.type.toString(16)}`,
      flags: section.flags,
      addr: section.addr,
      size: section.size,
    });
    if (nonMemorySections.has(name)) continue;
    if (section.type !== SHT_NOBITS) flash += section.size;
    if (section.flags & SHF_WRITE) ram += section.size;
  }
  return { flash, ram, sections };
}
