/** console.c for an ARM PL011 UART (LM3S UART0, RP2040 UART0): polled transmit and receive. */
import { hex, source } from "../c";

export interface Pl011Options {
  peripheral: string;
  base: number;
  /** Clock feeding the UART. */
  clockHz: number;
  baud: number;
  /** Lines run before the UART is programmed: clock gates, reset release, pin multiplexing. */
  setup: string[];
  /** #define lines the setup uses. */
  defines: string[];
}

/** IBRD/FBRD for a baud rate: divisor = clock / (16 * baud), fraction in 1/64ths. */
export function pl011Divisor(clockHz: number, baud: number): { ibrd: number; fbrd: number } {
  const div64 = Math.round((clockHz * 4) / baud);
  return { ibrd: div64 >> 6, fbrd: div64 & 63 };
}

export function pl011Console(o: Pl011Options): string {
  const { ibrd, fbrd } = pl011Divisor(o.clockHz, o.baud);
  return source([
    `/* console.c: ${o.peripheral}, ${o.baud} baud 8N1, polled. */`,
    "#include <stdint.h>",
    "",
    '#include "console.h"',
    "",
    `#define UART_BASE ${hex(o.base)}`,
    "#define UART_REG(offset) (*(volatile uint32_t *)(UART_BASE + (offset)))",
    "#define UART_DR UART_REG(0x000u)",
    "#define UART_FR UART_REG(0x018u)",
    "#define UART_IBRD UART_REG(0x024u)",
    "#define UART_FBRD UART_REG(0x028u)",
    "#define UART_LCRH UART_REG(0x02Cu)",
    "#define UART_CTL UART_REG(0x030u)",
    "#define FR_RXFE (1u << 4) /* receive FIFO empty */",
    "#define FR_TXFF (1u << 5) /* transmit FIFO full */",
    ...o.defines,
    "",
    "void console_init(void) {",
    ...o.setup.map((l) => `  ${l}`),
    "  UART_CTL = 0u;",
    `  UART_IBRD = ${ibrd}u; /* ${o.clockHz / 1e6} MHz / (16 x ${o.baud}) = ${ibrd} + ${fbrd}/64 */`,
    `  UART_FBRD = ${fbrd}u;`,
    "  UART_LCRH = 0x70u;  /* 8 data bits, FIFOs on (also latches the divisor) */",
    "  UART_CTL = 0x301u;  /* UARTEN | TXE | RXE */",
    "}",
    "",
    "void console_putc(char c) {",
    "  while (UART_FR & FR_TXFF) {",
    "  }",
    "  UART_DR = (uint8_t)c;",
    "}",
    "",
    "void console_write(const char *s) {",
    "  while (*s) console_putc(*s++);",
    "}",
    "",
    "int16_t console_read(void) {",
    "  if (UART_FR & FR_RXFE) return -1;",
    "  return (int16_t)(UART_DR & 0xFFu); /* bits 8..11 are error flags */",
    "}",
  ]);
}
