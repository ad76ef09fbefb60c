/**
 * STM32 F1 / F4 / L4: PLL to the board clock, console on the board's USART (polled TXE and RXNE). QEMU's
 * STM32 machines leave RCC and GPIO unimplemented, so nothing waits on them without a bound.
 */
import type { Board } from "../../../../boards/schema";
import { hex, source } from "../c";
import { CortexMFamily } from "./cortex-m";
import { stm32f1Clock, stm32f4Clock, stm32l4Clock, type ClockPlan } from "./stm32-clock";

interface UsartInfo {
  name: string;
  /** Clock enable register and bit. */
  enable: [number, number];
  bus: "apb1" | "apb2";
  /** Alternate-function number of its pins (F4/L4). */
  af: number;
}

interface Series {
  irqCount: number;
  clock(board: Board): ClockPlan;
  /** USART register offsets: status, transmit and receive data, baud rate, control 1, and CR1's enable bits. */
  regs: { sr: number; dr: number; rdr: number; brr: number; cr1: number; enableBits: string };
  usarts: Readonly<Record<number, UsartInfo>>;
  /** Port A base; ports are 0x400 apart. */
  gpioBase: number;
  /** Clock enable register for GPIO ports and the bit of port A. */
  gpioEnable: [number, number];
  /** F1 configures pins through CRL/CRH; F4 and L4 through MODER/AFR. */
  pinStyle: "crl" | "moder";
}

const F4_LIKE_REGS = {
  sr: 0x00,
  dr: 0x04,
  rdr: 0x04,
  brr: 0x08,
  cr1: 0x0c,
  enableBits: "(1u << 13) | (1u << 3) | (1u << 2); /* UE | TE | RE */",
};

const SERIES: Readonly<Record<string, Series>> = {
  stm32f1: {
    irqCount: 68,
    clock: stm32f1Clock,
    regs: F4_LIKE_REGS,
    usarts: {
      0x4001_3800: { name: "USART1", enable: [0x4002_1018, 14], bus: "apb2", af: 0 },
      0x4000_4400: { name: "USART2", enable: [0x4002_101c, 17], bus: "apb1", af: 0 },
      0x4000_4800: { name: "USART3", enable: [0x4002_101c, 18], bus: "apb1", af: 0 },
    },
    gpioBase: 0x4001_0800,
    gpioEnable: [0x4002_1018, 2],
    pinStyle: "crl",
  },
  stm32f4: {
    irqCount: 98,
    clock: stm32f4Clock,
    regs: F4_LIKE_REGS,
    usarts: {
      0x4001_1000: { name: "USART1", enable: [0x4002_3844, 4], bus: "apb2", af: 7 },
      0x4000_4400: { name: "USART2", enable: [0x4002_3840, 17], bus: "apb1", af: 7 },
      0x4001_1400: { name: "USART6", enable: [0x4002_3844, 5], bus: "apb2", af: 8 },
    },
    gpioBase: 0x4002_0000,
    gpioEnable: [0x4002_3830, 0],
    pinStyle: "moder",
  },
  stm32l4: {
    irqCount: 91,
    clock: stm32l4Clock,
    regs: {
      sr: 0x1c,
      dr: 0x28,
      rdr: 0x24,
      brr: 0x0c,
      cr1: 0x00,
      enableBits: "(1u << 0) | (1u << 3) | (1u << 2); /* UE | TE | RE */",
    },
    usarts: {
      0x4001_3800: { name: "USART1", enable: [0x4002_1060, 14], bus: "apb2", af: 7 },
      0x4000_4400: { name: "USART2", enable: [0x4002_1058, 17], bus: "apb1", af: 7 },
    },
    gpioBase: 0x4800_0000,
    gpioEnable: [0x4002_104c, 0],
    pinStyle: "moder",
  },
};

/** "PA9" -> port 0, pin 9. */
function parsePin(name: string | undefined): { port: number; pin: number; name: string } | undefined {
  const m = /^P([A-K])(\d{1,2})$/.exec(name ?? "");
  if (!m) return undefined;
  return { port: m[1]!.charCodeAt(0) - 65, pin: Number(m[2]), name: name! };
}

export class Stm32Family extends CortexMFamily {
  protected readonly irqCount: number;
  private readonly series: Series;

  constructor(readonly id: "stm32f1" | "stm32f4" | "stm32l4") {
    super();
    this.series = SERIES[id]!;
    this.irqCount = this.series.irqCount;
  }

  coreClockHz(board: Board): number {
    return this.series.clock(board).sysclkHz;
  }

  protected clockInit(board: Board): string[] {
    return this.series.clock(board).lines;
  }

  protected notes(board: Board): string[] {
    return [`Console: ${board.console.peripheral}, ${board.console.baud} baud.`];
  }

  private usart(board: Board): UsartInfo & { base: number } {
    const base = board.console.base ?? 0;
    const info = this.series.usarts[base];
    if (!info) throw new Error(`${board.id}: no ${this.id} USART at ${hex(base)} (${board.console.peripheral})`);
    return { ...info, base };
  }

  private pinLines(board: Board, usart: UsartInfo): string[] {
    const reg = (port: number, offset: number) => hex(this.series.gpioBase + port * 0x400 + offset);
    const lines: string[] = [];
    for (const [role, pin] of [
      ["TX", parsePin(board.pins["uart.tx"])],
      ["RX", parsePin(board.pins["uart.rx"])],
    ] as const) {
      if (!pin) continue;
      const [enReg, enBit] = this.series.gpioEnable;
      const enable = `REG(${hex(enReg)}) |= 1u << ${enBit + pin.port}; /* GPIO${String.fromCharCode(65 + pin.port)} clock */`;
      if (!lines.includes(enable)) lines.push(enable);
      if (this.series.pinStyle === "crl") {
        const cr = reg(pin.port, pin.pin < 8 ? 0x00 : 0x04);
        const shift = (pin.pin % 8) * 4;
        const mode = role === "TX" ? "0xBu" : "0x4u";
        const what = role === "TX" ? "alternate push-pull, 50 MHz" : "floating input";
        lines.push(
          `REG(${cr}) = (REG(${cr}) & ~(0xFu << ${shift})) | (${mode} << ${shift}); /* ${pin.name} = ${role}: ${what} */`,
        );
      } else {
        const moder = reg(pin.port, 0x00);
        const afr = reg(pin.port, pin.pin < 8 ? 0x20 : 0x24);
        const s2 = pin.pin * 2;
        const s4 = (pin.pin % 8) * 4;
        lines.push(
          `REG(${moder}) = (REG(${moder}) & ~(3u << ${s2})) | (2u << ${s2}); /* ${pin.name} = ${role}: alternate function */`,
          `REG(${afr}) = (REG(${afr}) & ~(0xFu << ${s4})) | (${usart.af}u << ${s4}); /* AF${usart.af} = ${usart.name} */`,
        );
      }
    }
    return lines;
  }

  protected consoleSource(board: Board): string {
    const usart = this.usart(board);
    const plan = this.series.clock(board);
    const pclk = usart.bus === "apb1" ? plan.apb1Hz : plan.apb2Hz;
    const brr = Math.round(pclk / board.console.baud);
    const r = this.series.regs;
    const [enReg, enBit] = usart.enable;
    return source([
      `/* console.c: ${board.console.peripheral}, ${board.console.baud} baud 8N1, polled. */`,
      "#include <stdint.h>",
      "",
      '#include "console.h"',
      "",
      "#define REG(addr) (*(volatile uint32_t *)(addr))",
      `#define USART_BASE ${hex(usart.base)}`,
      `#define USART_SR REG(USART_BASE + ${hex(r.sr, 2)})  /* status (ISR on L4) */`,
      `#define USART_DR REG(USART_BASE + ${hex(r.dr, 2)})  /* transmit data (TDR on L4) */`,
      `#define USART_RDR REG(USART_BASE + ${hex(r.rdr, 2)}) /* received data (DR on F1/F4, RDR on L4) */`,
      `#define USART_BRR REG(USART_BASE + ${hex(r.brr, 2)})`,
      `#define USART_CR1 REG(USART_BASE + ${hex(r.cr1, 2)})`,
      "#define SR_TXE (1u << 7)  /* transmit data register empty */",
      "#define SR_RXNE (1u << 5) /* received data register not empty */",
      "",
      "void console_init(void) {",
      `  REG(${hex(enReg)}) |= 1u << ${enBit}; /* ${usart.name} clock (RCC writes are ignored by QEMU) */`,
      ...this.pinLines(board, usart).map((l) => `  ${l}`),
      `  USART_BRR = ${brr}u; /* ${pclk / 1e6} MHz ${usart.bus.toUpperCase()} / ${board.console.baud} baud */`,
      `  USART_CR1 = ${r.enableBits}`,
      "}",
      "",
      "void console_putc(char c) {",
      "  while (!(USART_SR & SR_TXE)) {",
      "  }",
      "  USART_DR = (uint8_t)c;",
      "}",
      "",
      "void console_write(const char *s) {",
      "  while (*s) console_putc(*s++);",
      "}",
      "",
      "/* Reading the status, then the data register also clears an overrun (F1/F4). */",
      "int16_t console_read(void) {",
      "  if (!(USART_SR & SR_RXNE)) return -1;",
      "  return (int16_t)(USART_RDR & 0xFFu);",
      "}",
    ]);
  }
}
