/**
 * What every Cortex-M target shares: startup.c (vector table, Reset_Handler), link.ld from the
 * board's memory map, platform.c (SysTick millisecond tick, semihosting exit for test builds).
 * A chip family supplies its clock set-up, console driver and any extra boot pieces.
 */
import type { Board } from "../../../../boards/schema";
import type { FirmwareFile } from "../../types";
import { source } from "../c";
import { PLAIN_STRINGS } from "../fmt";
import type { NodeModel } from "../model";
import { bareMetalFiles } from "./bare-metal";
import { cortexMLinkerScript, type LinkerExtras } from "./linker";
import type { Family } from "./types";

export type { LinkerExtras } from "./linker";

export abstract class CortexMFamily implements Family {
  abstract readonly id: string;
  /** Interrupt lines after the 16 system exceptions (all go to Default_Handler). */
  protected abstract readonly irqCount: number;
  /** The clock SysTick counts once clock_init() has run. */
  abstract coreClockHz(board: Board): number;
  /** Body of `static void clock_init(void)` in platform.c. */
  protected abstract clockInit(board: Board): string[];
  /** console.c for the board's console peripheral. */
  protected abstract consoleSource(board: Board): string;
  /** One line for the header of main.c on clocks and console. */
  protected abstract notes(board: Board): string[];

  protected linkerExtras(_board: Board): LinkerExtras {
    return { memory: [], sections: [] };
  }

  protected extraFiles(_board: Board): FirmwareFile[] {
    return [];
  }

  files(model: NodeModel): FirmwareFile[] {
    const { board } = model;
    const notes = [
      ...this.notes(board),
      `SysTick ticks every millisecond from the ${this.coreClockHz(board) / 1e6} MHz core clock (QEMU models SysTick;`,
      "run it with -icount shift=0,sleep=off for deterministic, fast time).",
    ];
    return [
      ...bareMetalFiles(model, {
        notes,
        strings: PLAIN_STRINGS,
        platform: this.platformSource(board),
        console: this.consoleSource(board),
      }),
      { path: "startup.c", content: this.startupSource(board) },
      { path: "link.ld", content: this.linkerScript(board) },
      ...this.extraFiles(board),
    ];
  }

  private platformSource(board: Board): string {
    const hz = this.coreClockHz(board);
    return source([
      `/* platform.c: ${board.mcu} clocks, SysTick millisecond tick, console lines, semihosting exit. */`,
      "#include <stdint.h>",
      "",
      '#include "console.h"',
      '#include "platform.h"',
      "",
      `#define CORE_CLOCK_HZ ${hz}u`,
      "#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)",
      "#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)",
      "#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)",
      "",
      "static volatile uint32_t ms_ticks;",
      "",
      "void SysTick_Handler(void);",
      "void SysTick_Handler(void) {",
      "  ms_ticks++;",
      "}",
      "",
      "/* Every wait below is bounded: QEMU does not model these clock registers (reads give 0). */",
      "static void clock_init(void) {",
      ...this.clockInit(board).map((l) => (l ? `  ${l}` : "")),
      "}",
      "",
      "void platform_init(void) {",
      "  clock_init();",
      "  console_init();",
      "  SYST_RVR = CORE_CLOCK_HZ / 1000u - 1u;",
      "  SYST_CVR = 0u;",
      "  SYST_CSR = 7u; /* core clock, interrupt, enable */",
      "}",
      "",
      "uint32_t platform_millis(void) {",
      "  return ms_ticks;",
      "}",
      "",
      "void platform_idle(void) {",
      '  __asm__ volatile("wfi");',
      "}",
      "",
      "void platform_emit(const char *line) {",
      "  console_write(line);",
      '  console_write("\\r\\n");',
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
      "/* Semihosting SYS_EXIT_EXTENDED (0x20) with ADP_Stopped_ApplicationExit: QEMU exits with `code`.",
      " * Needs -semihosting-config enable=on; on a board without a debugger this traps. */",
      "void platform_exit(int code) {",
      "  static uint32_t block[2];",
      "  block[0] = 0x20026u;",
      "  block[1] = (uint32_t)code;",
      '  register uint32_t r0 __asm__("r0") = 0x20u;',
      '  register uint32_t *r1 __asm__("r1") = block;',
      '  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");',
      "  for (;;) {",
      "  }",
      "}",
      "#endif",
    ]);
  }

  private startupSource(board: Board): string {
    const m0 = board.architecture === "cortex-m0plus";
    const fpu = board.architecture === "cortex-m4f";
    const sys = (name: string, onM0 = true) => (m0 && !onM0 ? "  0," : `  ${name},`);
    const irqs: string[] = [];
    for (let i = 0; i < this.irqCount; i += 4) {
      const n = Math.min(4, this.irqCount - i);
      irqs.push(`  ${Array(n).fill("Default_Handler").join(", ")}, /* IRQ ${i}..${i + n - 1} */`);
    }
    return source([
      `/* startup.c: ${board.mcu} vector table and reset handler. */`,
      "#include <stdint.h>",
      "",
      "/* Provided by link.ld. */",
      "extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;",
      "",
      "int main(void);",
      "void Reset_Handler(void);",
      "void Default_Handler(void);",
      ...["NMI", "HardFault", "MemManage", "BusFault", "UsageFault", "SVC", "DebugMon", "PendSV", "SysTick"].map(
        (n) => `void ${n}_Handler(void) __attribute__((weak, alias("Default_Handler")));`,
      ),
      "",
      "typedef void (*vector_t)(void);",
      "",
      `__attribute__((section(".isr_vector"), used)) const vector_t vector_table[16 + ${this.irqCount}] = {`,
      "  (vector_t)(uintptr_t)&_estack, /* initial stack pointer: end of RAM */",
      "  Reset_Handler,",
      "  NMI_Handler,",
      "  HardFault_Handler,",
      sys("MemManage_Handler", false),
      sys("BusFault_Handler", false),
      sys("UsageFault_Handler", false),
      "  0,",
      "  0,",
      "  0,",
      "  0,",
      "  SVC_Handler,",
      sys("DebugMon_Handler", false),
      "  0,",
      "  PendSV_Handler,",
      "  SysTick_Handler,",
      ...irqs,
      "};",
      "",
      "void Reset_Handler(void) {",
      "  uint32_t *src = &_sidata;",
      "  uint32_t *dst = &_sdata;",
      "  while (dst < &_edata) *dst++ = *src++; /* .data: copy its initial values from flash */",
      "  for (dst = &_sbss; dst < &_ebss;) *dst++ = 0u; /* .bss: zero */",
      ...(fpu
        ? [
            "  /* Full access to the FPU (CP10, CP11) before any floating-point instruction. */",
            "  *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;",
            '  __asm__ volatile("dsb\\n\\tisb" ::: "memory");',
          ]
        : []),
      "  *(volatile uint32_t *)0xE000ED08u = (uint32_t)(uintptr_t)vector_table; /* VTOR */",
      "  (void)main();",
      "  for (;;) {",
      "  }",
      "}",
      "",
      "void Default_Handler(void) {",
      "  for (;;) {",
      "  }",
      "}",
    ]);
  }

  linkerScript(board: Board): string {
    return cortexMLinkerScript(board, this.linkerExtras(board));
  }
}
