import { describe, expect, it } from "vitest";
import { boards } from "../../../boards/index";
import { cEscape, commentText, toFixedPoint } from "./c";
import { avrBaud, avrTick } from "./families/avr";
import { pl011Divisor } from "./families/pl011";
import { boot2Words, crc32Mpeg2 } from "./families/rp2040";
import { stm32f1Clock, stm32f4Clock, stm32l4Clock } from "./families/stm32-clock";
import { board, file, generate, greenhouseSpec } from "./testing/fixtures";

const cortexM = boards.filter((b) => b.architecture.startsWith("cortex-m"));

/** MEMORY lines of a linker script: name -> [origin, length]. */
function memoryRegions(ld: string): Record<string, [number, number]> {
  const regions: Record<string, [number, number]> = {};
  for (const m of ld.matchAll(/^\s*(\w+) \(\w+\) : ORIGIN = (0x[0-9A-F]+), LENGTH = (0x[0-9A-F]+)/gm)) {
    regions[m[1]!] = [Number(m[2]), Number(m[3])];
  }
  return regions;
}

describe("link.ld", () => {
  it.each(cortexM.map((b) => [b.id, b] as const))(
    "%s: FLASH and RAM are the board's app flash and main RAM",
    async (id, b) => {
      const ld = file(await generate(greenhouseSpec(id)), "link.ld");
      const regions = memoryRegions(ld);
      const appFlash = b.memoryMap.find((r) => r.kind === "flash" && r.length === b.flashBytes)!;
      const ram = b.memoryMap.find((r) => r.kind === "ram" && r.length === b.ramBytes)!;
      expect(regions.FLASH).toEqual([appFlash.origin, appFlash.length]);
      expect(regions.RAM).toEqual([ram.origin, ram.length]);
      for (const section of [".isr_vector", ".text", ".rodata", ".ARM.exidx", ".bss"])
        expect(ld).toContain(`  ${section} `);
      expect(ld).toContain("> RAM AT> FLASH");
      expect(ld).toContain("_estack = ORIGIN(RAM) + LENGTH(RAM);");
      expect(ld).toMatch(/PROVIDE\(end = \.\);/);
    },
  );

  it("puts the RP2040's boot2 in its own 256-byte region in front of the application", async () => {
    const ld = file(await generate(greenhouseSpec("rpi-pico")), "link.ld");
    expect(memoryRegions(ld)).toEqual({
      BOOT2: [0x1000_0000, 256],
      FLASH: [0x1000_0100, 2 * 1024 * 1024 - 256],
      RAM: [0x2000_0000, 264 * 1024],
    });
    expect(ld).toContain("KEEP(*(.boot2))");
  });
});

describe("startup.c", () => {
  it("starts the stack at the end of RAM and enables the FPU only on hard-float parts", async () => {
    const f4 = file(await generate(greenhouseSpec("netduino-plus-2")), "startup.c");
    expect(f4).toContain("(vector_t)(uintptr_t)&_estack");
    expect(f4).toContain("0xE000ED88u |= 0xFu << 20");
    const m3 = file(await generate(greenhouseSpec("bluepill-f103c8")), "startup.c");
    expect(m3).not.toContain("0xE000ED88u");
    expect(m3).toContain("vector_table[16 + 68]");
  });
});

describe("clock and console arithmetic", () => {
  it("brings each STM32 board to its catalogue clock", () => {
    expect(stm32f1Clock(board("bluepill-f103c8"))).toMatchObject({ sysclkHz: 72e6, apb1Hz: 36e6, apb2Hz: 72e6 });
    expect(stm32f1Clock(board("stm32vldiscovery"))).toMatchObject({ sysclkHz: 24e6, apb1Hz: 24e6, apb2Hz: 24e6 });
    expect(stm32f4Clock(board("netduino-plus-2"))).toMatchObject({ sysclkHz: 168e6, apb1Hz: 42e6, apb2Hz: 84e6 });
    expect(stm32f4Clock(board("blackpill-f411ce"))).toMatchObject({ sysclkHz: 100e6, apb1Hz: 25e6, apb2Hz: 50e6 });
    expect(stm32f4Clock(board("nucleo-f401re"))).toMatchObject({ sysclkHz: 84e6, apb1Hz: 42e6, apb2Hz: 84e6 });
    expect(stm32l4Clock(board("nucleo-l476rg"))).toMatchObject({ sysclkHz: 80e6, apb1Hz: 80e6, apb2Hz: 80e6 });
    expect(stm32f4Clock(board("netduino-plus-2")).lines.join("\n")).toContain("*pllcfgr = 0x07405419u;");
    expect(stm32f4Clock(board("nucleo-f401re")).lines.join("\n")).toContain(
      "PLLM 16, PLLN 336, PLLP 4, PLLQ 7, source HSI",
    );
  });

  it("never waits on a clock register without a bound", async () => {
    for (const id of ["lm3s6965evb", "netduino-plus-2", "stm32vldiscovery", "nucleo-l476rg", "rpi-pico"]) {
      const platform = file(await generate(greenhouseSpec(id)), "platform.c");
      expect(platform).not.toMatch(/while \([^)]*(RCC|0x4002|0x400FE)/);
      for (const loop of platform.match(/for \(uint32_t i = 0; [^;]+;/g) ?? []) expect(loop).toContain("i < 100000u");
    }
  });

  it("computes UART divisors", () => {
    expect(pl011Divisor(50e6, 115200)).toEqual({ ibrd: 27, fbrd: 8 });
    expect(pl011Divisor(12e6, 115200)).toEqual({ ibrd: 6, fbrd: 33 });
    expect(avrBaud(16e6, 115200)).toMatchObject({ ubrr: 16, u2x: true });
    expect(avrBaud(16e6, 9600)).toMatchObject({ ubrr: 103, u2x: false }); // equal error: normal speed
    expect(avrTick(16e6)).toEqual({ prescaler: 1, cs: "(1 << CS10)", top: 15999 });
    expect(avrTick(8e6)).toMatchObject({ prescaler: 1, top: 7999 });
  });

  it("signs the RP2040 boot2 the way the boot ROM checks it", () => {
    expect(crc32Mpeg2(new TextEncoder().encode("123456789"))).toBe(0x0376e6e7);
    const words = boot2Words();
    expect(words).toHaveLength(64);
    expect(words[63]).toBe(0x0d21ec2c);
  });
});

describe("console receive side", () => {
  // The register each family polls, and the bits that must be on for the UART to receive at all.
  it.each([
    ["lm3s6965evb", ["if (UART_FR & FR_RXFE) return -1;", "#define FR_RXFE (1u << 4)", "UART_DR & 0xFFu"], "0x301u"],
    ["rpi-pico", ["if (UART_FR & FR_RXFE) return -1;", "#define UART_BASE 0x40034000u"], "0x301u"],
    ["stm32vldiscovery", ["#define USART_RDR REG(USART_BASE + 0x04u)", "#define SR_RXNE (1u << 5)"], "(1u << 2)"],
    ["netduino-plus-2", ["#define USART_RDR REG(USART_BASE + 0x04u)", "if (!(USART_SR & SR_RXNE))"], "(1u << 2)"],
    [
      "nucleo-l476rg",
      ["#define USART_SR REG(USART_BASE + 0x1Cu)", "#define USART_RDR REG(USART_BASE + 0x24u)"],
      "(1u << 2); /* UE | TE | RE */",
    ],
    ["arduino-uno", ["if (!(UCSR0A & (1 << RXC0))) return -1;", "return UDR0;"], "(1 << RXEN0)"],
  ])("%s: console_read() polls without blocking, receiver on", async (id, reads, rxEnable) => {
    const files = await generate(greenhouseSpec(id));
    const console = file(files, "console.c");
    for (const r of reads) expect(console).toContain(r);
    expect(console).toContain(rxEnable);
    expect(console).toMatch(/int16_t console_read\(void\) \{\n {2}if \(.*\) return -1;\n {2}return /);
    expect(file(files, "console.h")).toContain("int16_t console_read(void);");
    expect(file(files, "platform.c")).toContain("int16_t platform_read(void) {\n  return console_read();\n}");
  });
});

describe("C text helpers", () => {
  it("escapes strings and comments", () => {
    expect(cEscape('a"b\\c\n??=é')).toBe('a\\"b\\\\c\\012\\?\\?=\\303\\251');
    expect(commentText("x */ y /* z ?? {{A}}\u0001")).toBe("x * / y / * z ? ? { {A} } ");
    expect(toFixedPoint(30.25, 1)).toBe(303);
    expect(toFixedPoint(-5.5, 2)).toBe(-550);
    expect(toFixedPoint(0.07, 2)).toBe(7);
  });
});
