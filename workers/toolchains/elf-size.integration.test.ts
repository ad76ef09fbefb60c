import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readElfMemory } from "./elf-size";
import { armFirmware, avrMain } from "./test-fixtures";

// Trusted fixtures compiled directly (no sandbox needed) and measured by binutils' own size tools.
const dir = mkdtempSync(path.join(os.tmpdir(), "elf-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(compiler: string, name: string, files: Record<string, string>, flags: string[]): string {
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  const sources = Object.keys(files).filter((file) => /\.[cS]$/.test(file));
  const elf = path.join(dir, `${name}.elf`);
  execFileSync(compiler, [...flags, ...sources, "-o", elf], { cwd: dir });
  return elf;
}

/** Berkeley `size` output: text, data, bss. */
function berkeley(tool: string, elf: string) {
  const [text, data, bss] = execFileSync(tool, [elf], { encoding: "utf8" }).split("\n")[1].trim().split(/\s+/);
  return { text: Number(text), data: Number(data), bss: Number(bss) };
}

/** `size -A`: allocated sections and their sizes (debug sections sit at address 0 and are not allocated). */
function sysv(tool: string, elf: string): Map<string, number> {
  const rows = execFileSync(tool, ["-A", elf], { encoding: "utf8" }).split("\n").slice(2);
  return new Map(rows.map((row) => row.trim().split(/\s+/)).map(([name, size]) => [name, Number(size)]));
}

const ARM = ["-mcpu=cortex-m3", "-mthumb", "-Os", "-g", "--specs=nano.specs", "--specs=nosys.specs"];

describe("readElfMemory on real ELF files", () => {
  it.each([
    ["with its own startup and link.ld", "fixture", ["-T", "link.ld", "-Wl,--gc-sections"]],
    ["with newlib's crt0 and default script (init_array, exidx)", "newlib", []],
  ])("matches arm-none-eabi-size for a Cortex-M3 image %s", (_label, name, extra) => {
    const files = Object.fromEntries(armFirmware().map((f) => [f.path, f.content]));
    if (name === "newlib") {
      delete files["startup.c"];
      delete files["link.ld"];
      files["main.c"] += '#include <stdio.h>\nint twice(int x) { printf("%d", x); return 2 * x; }\n';
    }
    const elf = build("arm-none-eabi-gcc", name, files, [...ARM, ...extra]);
    const memory = readElfMemory(readFileSync(elf));
    const size = berkeley("arm-none-eabi-size", elf);
    expect(memory.flash).toBe(size.text + size.data);
    expect(memory.ram).toBe(size.data + size.bss);
    const sections = sysv("arm-none-eabi-size", elf);
    for (const section of memory.sections) expect(sections.get(section.name), section.name).toBe(section.size);
  });

  it("matches avr-size for an AVR image whose data lives at 0x800000+", () => {
    const elf = build("avr-gcc", "avr", { "main.c": avrMain }, ["-mmcu=atmega328p", "-Os", "-g"]);
    const memory = readElfMemory(readFileSync(elf));
    const size = berkeley("avr-size", elf);
    expect(size.data).toBeGreaterThan(0);
    expect(memory.flash).toBe(size.text + size.data);
    expect(memory.ram).toBe(size.data + size.bss);
    expect(memory.sections.find((s) => s.name === ".data")?.addr).toBeGreaterThanOrEqual(0x80_0000);
  });

  it("matches avr-size -C (Program/Data) when the image has EEPROM contents", () => {
    const source =
      "#include <avr/eeprom.h>\nuint8_t EEMEM ee[10] = {1, 2, 3};\nvolatile uint8_t v = 4;\nuint8_t z[20];\n" +
      "int main(void) { z[v] = eeprom_read_byte(&ee[v]); return z[1]; }\n";
    const elf = build("avr-gcc", "eeprom", { "ee.c": source }, ["-mmcu=atmega328p", "-Os"]);
    const report = execFileSync("avr-size", ["-C", "--mcu=atmega328p", elf], { encoding: "utf8" });
    const program = Number(report.match(/Program:\s+(\d+)/)?.[1]);
    const data = Number(report.match(/Data:\s+(\d+)/)?.[1]);
    expect(readElfMemory(readFileSync(elf))).toMatchObject({ flash: program, ram: data });
  });
});
