/**
 * Raspberry Pi RP2040: a second-stage boot loader (boot2) in the first 256 bytes of flash, the core
 * on the 12 MHz crystal (XOSC), console on UART0 (PL011). No QEMU machine: compile-only here.
 */
import type { Board } from "../../../../boards/schema";
import type { FirmwareFile } from "../../types";
import { hex, source } from "../c";
import { CortexMFamily, type LinkerExtras } from "./cortex-m";
import { pl011Console } from "./pl011";

const XOSC_HZ = 12_000_000;

/**
 * boot2: configures the XIP SSI for plain 03h serial reads (works with any flash chip), then
 * vectors into the application at 0x10000100 (as the SDK's boot2_generic_03h does).
 * Thumb code assembled with arm-none-eabi-as; the words are little-endian instruction pairs.
 */
const BOOT2_CODE: ReadonlyArray<[number, string]> = [
  [0x4b0cb500, "push {lr}; ldr r3, =0x18000000 (XIP_SSI)"],
  [0x60992100, "movs r1, #0; str r1, [r3, #8] (SSIENR = 0)"],
  [0x61592104, "movs r1, #4; str r1, [r3, #20] (BAUDR = 4)"],
  [0x6019490a, "ldr r1, =0x001F0300; str r1, [r3] (CTRLR0: 32-bit frames, EEPROM read)"],
  [0x480b490a, "ldr r1, =0x03000218; ldr r0, =0x180000F4"],
  [0x21006001, "str r1, [r0] (SPI_CTRLR0: cmd 03h, 8-bit instruction, 24-bit address); movs r1, #0"],
  [0x21016059, "str r1, [r3, #4] (CTRLR1 = 0); movs r1, #1"],
  [0xbc016099, "str r1, [r3, #8] (SSIENR = 1); pop {r0}"],
  [0xd0002800, "cmp r0, #0; beq vector"],
  [0x48074700, "bx r0; vector: ldr r0, =0x10000100"],
  [0x60084907, "ldr r1, =0xE000ED08; str r0, [r1] (VTOR)"],
  [0xf380c803, "ldmia r0, {r0, r1}; msr msp, r0 ..."],
  [0x47088808, "... msr msp, r0; bx r1 (Reset_Handler)"],
  [0x18000000, "literal: XIP_SSI base"],
  [0x001f0300, "literal: CTRLR0"],
  [0x03000218, "literal: SPI_CTRLR0"],
  [0x180000f4, "literal: &SPI_CTRLR0"],
  [0x10000100, "literal: application vector table"],
  [0xe000ed08, "literal: &VTOR"],
];

/** CRC-32/MPEG-2 (poly 0x04C11DB7, init all ones, no reflection, no final xor): what the boot ROM checks. */
export function crc32Mpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc >>> 0;
}

/** The 64 words of boot2: code, zero padding to 252 bytes, CRC. */
export function boot2Words(): number[] {
  const words = [...BOOT2_CODE.map(([w]) => w), ...Array<number>(63 - BOOT2_CODE.length).fill(0)];
  const bytes = new Uint8Array(252);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  return [...words, crc32Mpeg2(bytes)];
}

export class Rp2040Family extends CortexMFamily {
  readonly id = "rp2040";
  protected readonly irqCount = 32;

  coreClockHz(_board: Board): number {
    return XOSC_HZ;
  }

  protected clockInit(_board: Board): string[] {
    return [
      "/* 12 MHz crystal -> clk_ref -> clk_sys (no PLL: plenty for a sensor node); clk_peri = clk_sys. */",
      "*(volatile uint32_t *)0x40024000u = 0xAA0u;                 /* XOSC_CTRL: 1-15 MHz range */",
      "*(volatile uint32_t *)0x4002400Cu = 47u;                    /* XOSC_STARTUP: about 1 ms */",
      "*(volatile uint32_t *)0x40024000u = 0xAA0u | (0xFABu << 12); /* XOSC_CTRL: enable */",
      "for (uint32_t i = 0; i < 100000u && !(*(volatile uint32_t *)0x40024004u & (1u << 31)); i++) {",
      "} /* XOSC_STATUS.STABLE */",
      "if (*(volatile uint32_t *)0x40024004u & (1u << 31)) {",
      "  *(volatile uint32_t *)0x40008030u = 2u; /* CLK_REF_CTRL: source XOSC (clk_sys follows clk_ref) */",
      "  for (uint32_t i = 0; i < 100000u && !(*(volatile uint32_t *)0x40008038u & (1u << 2)); i++) {",
      "  } /* CLK_REF_SELECTED */",
      "}",
      "*(volatile uint32_t *)0x4000803Cu = 0u;       /* CLK_SYS_CTRL: clk_ref */",
      "*(volatile uint32_t *)0x40008048u = 1u << 11; /* CLK_PERI_CTRL: enable, from clk_sys */",
    ];
  }

  protected consoleSource(board: Board): string {
    const gpio = (label: string | undefined) => Number(/^GP(\d+)$/.exec(label ?? "")?.[1] ?? NaN);
    const pins = [gpio(board.pins["uart.tx"]), gpio(board.pins["uart.rx"])].filter((n) => Number.isInteger(n));
    return pl011Console({
      peripheral: board.console.peripheral,
      base: board.console.base ?? 0x4003_4000,
      clockHz: XOSC_HZ,
      baud: board.console.baud,
      defines: [
        "#define RESETS_CLEAR (*(volatile uint32_t *)0x4000F000u) /* RESETS_RESET, atomic clear alias */",
        "#define RESETS_DONE (*(volatile uint32_t *)0x4000C008u)",
        "#define UNRESET ((1u << 5) | (1u << 8) | (1u << 22)) /* IO_BANK0, PADS_BANK0, UART0 */",
      ],
      setup: [
        "RESETS_CLEAR = UNRESET;",
        "for (uint32_t i = 0; i < 100000u && (RESETS_DONE & UNRESET) != UNRESET; i++) {",
        "}",
        ...pins.map(
          (n) => `*(volatile uint32_t *)${hex(0x4001_4004 + 8 * n)} = 2u; /* GPIO${n}_CTRL: FUNCSEL = UART */`,
        ),
      ],
    });
  }

  protected notes(board: Board): string[] {
    return [
      `Console: ${board.console.peripheral}, ${board.console.baud} baud. The core runs from the 12 MHz crystal`,
      `(the board's ${board.clockHz / 1e6} MHz needs the PLL, which this firmware does not start).`,
    ];
  }

  protected linkerExtras(board: Board): LinkerExtras {
    const boot2 = board.memoryMap.find((r) => r.name === "boot2") ?? { origin: 0x1000_0000, length: 256 };
    return {
      memory: [
        `  BOOT2 (rx) : ORIGIN = ${hex(boot2.origin, 8, "")}, LENGTH = ${hex(boot2.length, 8, "")} /* boot2: 256 B */`,
      ],
      sections: [
        "  .boot2 : { __boot2_start__ = .; KEEP(*(.boot2)) __boot2_end__ = .; } > BOOT2",
        '  ASSERT(__boot2_end__ - __boot2_start__ == 256, "boot2 must be exactly 256 bytes")',
      ],
    };
  }

  protected extraFiles(_board: Board): FirmwareFile[] {
    const words = boot2Words();
    const comments = new Map(BOOT2_CODE.map(([w, text], i) => [i, `${hex(w)}, /* ${text} */`]));
    const body = words.map(
      (w, i) => comments.get(i) ?? (i === 63 ? `${hex(w)}  /* CRC-32 of the 252 bytes above */` : null),
    );
    const zeros = 63 - BOOT2_CODE.length;
    return [
      {
        path: "boot2.c",
        content: source([
          "/* boot2.c: RP2040 second-stage boot loader, the first 256 bytes of flash. The boot ROM copies it to",
          " * SRAM, checks its CRC-32 and runs it: it sets the flash interface up for 03h reads (XIP) and jumps",
          " * to the application's vector table at 0x10000100. */",
          "#include <stdint.h>",
          "",
          '__attribute__((section(".boot2"), used)) const uint32_t boot2[64] = {',
          ...body.filter((l): l is string => l !== null && !l.includes("CRC")).map((l) => `  ${l}`),
          ...Array.from({ length: Math.ceil(zeros / 16) }, (_, row) => {
            const n = Math.min(16, zeros - row * 16);
            return `  ${Array(n).fill("0").join(", ")},${row === 0 ? " /* padding to 252 bytes */" : ""}`;
          }),
          `  ${body[63]}`,
          "};",
        ]),
      },
    ];
  }
}
