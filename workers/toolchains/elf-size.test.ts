import { describe, expect, it } from "vitest";
import { readElfMemory } from "./elf-size";

interface FakeSection {
  name: string;
  type: number;
  flags: number;
  addr: number;
  size: number;
}

/** A section-header-only ELF32 LE file: enough for readElfMemory, which never reads section contents. */
function fakeElf(sections: FakeSection[]): Uint8Array {
  const names = ["", ...sections.map((s) => s.name), ".shstrtab"];
  const strtab = Buffer.from(names.join("\0") + "\0");
  const nameOffsets = names.map((_, i) => names.slice(0, i).reduce((sum, n) => sum + n.length + 1, 0));
  const all = [
    { name: "", type: 0, flags: 0, addr: 0, size: 0 },
    ...sections,
    { name: ".shstrtab", type: 3, flags: 0, addr: 0, size: strtab.length },
  ];
  const shoff = 52 + strtab.length;
  const elf = Buffer.alloc(shoff + all.length * 40);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
  elf.writeUInt32LE(shoff, 0x20);
  elf.writeUInt16LE(40, 0x2e);
  elf.writeUInt16LE(all.length, 0x30);
  elf.writeUInt16LE(all.length - 1, 0x32);
  strtab.copy(elf, 52);
  all.forEach((section, index) => {
    const at = shoff + index * 40;
    elf.writeUInt32LE(nameOffsets[index], at);
    elf.writeUInt32LE(section.type, at + 4);
    elf.writeUInt32LE(section.flags, at + 8);
    elf.writeUInt32LE(section.addr, at + 12);
    elf.writeUInt32LE(section.name === ".shstrtab" ? 52 : 0, at + 16);
    elf.writeUInt32LE(section.size, at + 20);
  });
  return new Uint8Array(elf);
}

const A = 0x2;
const W = 0x1;
const X = 0x4;

describe("readElfMemory", () => {
  it("counts loadable sections as flash and writable ones as RAM, by flags", () => {
    const elf = fakeElf([
      { name: ".text", type: 1, flags: A | X, addr: 0, size: 1000 },
      { name: ".rodata", type: 1, flags: A, addr: 1000, size: 200 },
      { name: ".init_array", type: 14, flags: A | W, addr: 0x2000_0000, size: 8 },
      { name: ".ARM.exidx", type: 0x7000_0001, flags: A, addr: 1200, size: 8 },
      { name: ".data", type: 1, flags: A | W, addr: 0x2000_0008, size: 40 },
      { name: ".bss", type: 8, flags: A | W, addr: 0x2000_0030, size: 500 },
      { name: ".noinit", type: 8, flags: A | W, addr: 0x2000_0300, size: 16 },
      { name: ".debug_info", type: 1, flags: 0, addr: 0, size: 9999 },
    ]);
    const memory = readElfMemory(elf);
    expect(memory.flash).toBe(1000 + 200 + 8 + 8 + 40);
    expect(memory.ram).toBe(8 + 40 + 500 + 16);
    expect(memory.sections.map((s) => `${s.name}:${s.type}`)).toEqual([
      ".text:PROGBITS",
      ".rodata:PROGBITS",
      ".init_array:INIT_ARRAY",
      ".ARM.exidx:ARM_EXIDX",
      ".data:PROGBITS",
      ".bss:NOBITS",
      ".noinit:NOBITS",
    ]);
  });

  it("leaves AVR EEPROM and fuse sections out of flash and RAM, as avr-size -C does", () => {
    const elf = fakeElf([
      { name: ".text", type: 1, flags: A | X, addr: 0, size: 226 },
      { name: ".data", type: 1, flags: A | W, addr: 0x80_0100, size: 2 },
      { name: ".bss", type: 8, flags: A | W, addr: 0x80_0102, size: 20 },
      { name: ".eeprom", type: 1, flags: A | W, addr: 0x81_0000, size: 10 },
      { name: ".fuse", type: 1, flags: A | W, addr: 0x82_0000, size: 3 },
    ]);
    expect(readElfMemory(elf)).toMatchObject({ flash: 228, ram: 22 });
  });

  it("rejects what it cannot read", () => {
    expect(() => readElfMemory(new Uint8Array(100))).toThrow("Not an ELF file");
    const elf64 = fakeElf([]);
    elf64[4] = 2;
    expect(() => readElfMemory(elf64)).toThrow(/32-bit little-endian/);
    expect(() => readElfMemory(fakeElf([]).subarray(0, 60))).toThrow(/truncated/);
  });
});
