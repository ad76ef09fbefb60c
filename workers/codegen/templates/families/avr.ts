/**
 * AVR (ATmega328P, ATmega2560): USART0 console, Timer1 compare-match millisecond tick, constant
 * strings in flash (PROGMEM). avr-libc provides the startup code and the linker script.
 */
import type { Board } from "../../../../boards/schema";
import type { FirmwareFile } from "../../types";
import { source } from "../c";
import { type RomStrings } from "../fmt";
import { bareMetalFiles } from "./bare-metal";
import type { NodeModel } from "../model";
import type { Family } from "./types";

const AVR_ROM: RomStrings = { includes: ["avr/pgmspace.h"], literal: "PSTR(s)", byte: "pgm_read_byte(p)" };

/** UBRR and the U2X choice that come closest to the baud rate. */
export function avrBaud(
  clockHz: number,
  baud: number,
): { ubrr: number; u2x: boolean; actual: number; errorPct: number } {
  const options = [false, true].map((u2x) => {
    const div = u2x ? 8 : 16;
    const ubrr = Math.max(0, Math.min(4095, Math.round(clockHz / (div * baud)) - 1));
    const actual = clockHz / (div * (ubrr + 1));
    return { ubrr, u2x, actual, errorPct: ((actual - baud) / baud) * 100 };
  });
  return options.sort((a, b) => Math.abs(a.errorPct) - Math.abs(b.errorPct))[0]!;
}

/** Timer1 prescaler (and its CS1x bits) giving an exact 1 kHz compare match. */
export function avrTick(clockHz: number): { prescaler: number; cs: string; top: number } {
  const options = [
    [1, "(1 << CS10)"],
    [8, "(1 << CS11)"],
    [64, "(1 << CS11) | (1 << CS10)"],
    [256, "(1 << CS12)"],
    [1024, "(1 << CS12) | (1 << CS10)"],
  ] as const;
  for (const [prescaler, cs] of options) {
    const counts = clockHz / prescaler / 1000;
    if (Number.isInteger(counts) && counts <= 65536) return { prescaler, cs, top: counts - 1 };
  }
  return { prescaler: 64, cs: options[2][1], top: Math.round(clockHz / 64 / 1000) - 1 };
}

export class AvrFamily implements Family {
  readonly id = "avr";

  files(model: NodeModel): FirmwareFile[] {
    const { board } = model;
    const notes = [
      `Console: ${board.console.peripheral}, ${board.console.baud} baud. Timer1 ticks every millisecond.`,
      "Constant strings stay in flash (PROGMEM). QEMU has no semihosting on AVR: test builds halt instead.",
    ];
    return bareMetalFiles(model, {
      notes,
      strings: AVR_ROM,
      platform: this.platformSource(board),
      console: this.consoleSource(board),
    });
  }

  private platformSource(board: Board): string {
    const tick = avrTick(board.clockHz);
    return source([
      `/* platform.c: ${board.mcu} Timer1 millisecond tick, console lines. */`,
      "#include <avr/interrupt.h>",
      "#include <avr/io.h>",
      "#include <avr/sleep.h>",
      "#include <util/atomic.h>",
      "",
      '#include "console.h"',
      '#include "platform.h"',
      "",
      "static volatile uint32_t ms_ticks;",
      "",
      "ISR(TIMER1_COMPA_vect) {",
      "  ms_ticks++;",
      "}",
      "",
      "void platform_init(void) {",
      "  console_init();",
      "  TCCR1A = 0;",
      `  TCCR1B = (1 << WGM12) | ${tick.cs}; /* CTC, clk / ${tick.prescaler} */`,
      `  OCR1A = ${tick.top}u; /* ${board.clockHz / 1e6} MHz / ${tick.prescaler} / ${tick.top + 1} = 1 kHz */`,
      "  TIMSK1 = (1 << OCIE1A);",
      "  sei();",
      "}",
      "",
      "uint32_t platform_millis(void) {",
      "  uint32_t now = 0;",
      "  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {",
      "    now = ms_ticks;",
      "  }",
      "  return now;",
      "}",
      "",
      "void platform_idle(void) {",
      "  /* Busy wait: QEMU 7.2's AVR model does not wake from SLEEP on the Timer1 interrupt. On hardware,",
      "   * set_sleep_mode(SLEEP_MODE_IDLE); sleep_mode(); here saves power. */",
      "}",
      "",
      "void platform_emit(const char *line) {",
      "  console_write(line);",
      "  console_putc('\\r');",
      "  console_putc('\\n');",
      "}",
      "",
      "int16_t platform_read(void) {",
      "  return console_read();",
      "}",
      "",
      "void platform_actuator(uint8_t index, uint8_t on) {",
      "  /* Template firmware reports actuator changes as events only; drive the pin here. */",
      "  (void)index;",
      "  (void)on;",
      "}",
      "",
      "#ifdef SWARM_SIM_MAX_SAMPLES",
      "/* No semihosting on AVR: stop with interrupts off (the simulator ends the run). */",
      "void platform_exit(int code) {",
      "  (void)code;",
      "  cli();",
      "  for (;;) {",
      "    sleep_mode();",
      "  }",
      "}",
      "#endif",
    ]);
  }

  private consoleSource(board: Board): string {
    const b = avrBaud(board.clockHz, board.console.baud);
    return source([
      `/* console.c: ${board.console.peripheral}, ${board.console.baud} baud 8N1, polled. */`,
      "#include <avr/io.h>",
      "",
      '#include "console.h"',
      "",
      "void console_init(void) {",
      `  /* ${board.clockHz / 1e6} MHz / (${b.u2x ? 8 : 16} x ${b.ubrr + 1}) = ${Math.round(b.actual)} baud (${b.errorPct.toFixed(1)} %) */`,
      `  UBRR0H = ${b.ubrr >> 8};`,
      `  UBRR0L = ${b.ubrr & 0xff};`,
      `  UCSR0A = ${b.u2x ? "(1 << U2X0)" : "0"};`,
      "  UCSR0B = (1 << TXEN0) | (1 << RXEN0);",
      "  UCSR0C = (1 << UCSZ01) | (1 << UCSZ00); /* 8N1 */",
      "}",
      "",
      "void console_putc(char c) {",
      "  while (!(UCSR0A & (1 << UDRE0))) {",
      "  }",
      "  UDR0 = (uint8_t)c;",
      "}",
      "",
      "void console_write(const char *s) {",
      "  while (*s) console_putc(*s++);",
      "}",
      "",
      "int16_t console_read(void) {",
      "  if (!(UCSR0A & (1 << RXC0))) return -1;",
      "  return UDR0;",
      "}",
    ]);
  }
}
