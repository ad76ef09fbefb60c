/**
 * Test support (Node only, never imported by app code): compiles a small C program with the real
 * avr-gcc and returns what avr-objcopy makes of it, as Intel HEX and as a raw binary.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function hasAvrToolchain(): boolean {
  try {
    execFileSync("avr-gcc", ["--version"], { stdio: "ignore" });
    execFileSync("avr-objcopy", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const BLINK_C = `
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <util/delay.h>
static const char banner[] PROGMEM = "swarm-architect virtual optiboot test";
volatile char sink;
int main(void) {
  DDRB |= _BV(DDB5);
  for (unsigned i = 0;; i++) {
    PORTB ^= _BV(PORTB5);
    sink = pgm_read_byte(&banner[i % (sizeof banner - 1)]);
    _delay_ms(250);
  }
}
`;

/** A program with `tables` PROGMEM arrays of 30,000 bytes each, to push an image past 64 KiB. */
export function bigTablesC(tables: number): string {
  const decls = Array.from(
    { length: tables },
    (_, i) => `const unsigned char t${i}[30000] PROGMEM __attribute__((used)) = { ${i + 1}, 2, 3, 4, 5 };`,
  );
  return `#include <avr/pgmspace.h>\n${decls.join("\n")}\nint main(void) { for (;;) {} }\n`;
}

export function compileAvr(source: string, mcu: string): { hex: string; bin: Uint8Array } {
  const dir = mkdtempSync(path.join(tmpdir(), "stk500-avr-"));
  try {
    const c = path.join(dir, "main.c");
    const elf = path.join(dir, "main.elf");
    writeFileSync(c, source);
    execFileSync("avr-gcc", [`-mmcu=${mcu}`, "-DF_CPU=16000000UL", "-Os", "-o", elf, c], { stdio: "pipe" });
    execFileSync("avr-objcopy", ["-O", "ihex", "-R", ".eeprom", elf, path.join(dir, "main.hex")]);
    execFileSync("avr-objcopy", ["-O", "binary", "-R", ".eeprom", elf, path.join(dir, "main.bin")]);
    return {
      hex: readFileSync(path.join(dir, "main.hex"), "utf8"),
      bin: new Uint8Array(readFileSync(path.join(dir, "main.bin"))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
