/** link.ld for a Cortex-M image, generated from the board's memory map. */
import type { Board } from "../../../../boards/schema";
import { hex, source } from "../c";
import { appFlashRegion, mainRamRegion, sizeText } from "./memory";

/** Extra linker pieces, e.g. the RP2040's second-stage boot loader in front of the application. */
export interface LinkerExtras {
  memory: string[];
  sections: string[];
}

export function cortexMLinkerScript(board: Board, extras: LinkerExtras): string {
  const flash = appFlashRegion(board);
  const ram = mainRamRegion(board);
  const stackReserve = Math.min(1024, ram.length / 8);
  return source([
    `/* link.ld: ${board.name} (${board.mcu}), generated from the board's memory map. */`,
    "ENTRY(Reset_Handler)",
    "",
    "MEMORY",
    "{",
    ...extras.memory,
    `  FLASH (rx) : ORIGIN = ${hex(flash.origin, 8, "")}, LENGTH = ${hex(flash.length, 8, "")} /* ${flash.name}: ${sizeText(flash.length)} */`,
    `  RAM (rwx) : ORIGIN = ${hex(ram.origin, 8, "")}, LENGTH = ${hex(ram.length, 8, "")} /* ${ram.name}: ${sizeText(ram.length)} */`,
    "}",
    "",
    "_estack = ORIGIN(RAM) + LENGTH(RAM); /* the stack grows down from the end of RAM */",
    `_min_stack = ${hex(stackReserve, 4, "")};`,
    "",
    "SECTIONS",
    "{",
    ...extras.sections,
    "  .isr_vector : { . = ALIGN(4); KEEP(*(.isr_vector)) . = ALIGN(4); } > FLASH",
    "  .text : { *(.text .text.*) *(.glue_7) *(.glue_7t) KEEP(*(.init)) KEEP(*(.fini)) . = ALIGN(4); } > FLASH",
    "  .rodata : { *(.rodata .rodata.*) . = ALIGN(4); } > FLASH",
    "  .ARM.extab : { *(.ARM.extab* .gnu.linkonce.armextab.*) } > FLASH",
    "  .ARM.exidx : { __exidx_start = .; *(.ARM.exidx* .gnu.linkonce.armexidx.*) __exidx_end = .; } > FLASH",
    "  .preinit_array : { PROVIDE_HIDDEN(__preinit_array_start = .); KEEP(*(.preinit_array*)) PROVIDE_HIDDEN(__preinit_array_end = .); } > FLASH",
    "  .init_array : { PROVIDE_HIDDEN(__init_array_start = .); KEEP(*(SORT(.init_array.*))) KEEP(*(.init_array*)) PROVIDE_HIDDEN(__init_array_end = .); } > FLASH",
    "  .fini_array : { PROVIDE_HIDDEN(__fini_array_start = .); KEEP(*(SORT(.fini_array.*))) KEEP(*(.fini_array*)) PROVIDE_HIDDEN(__fini_array_end = .); } > FLASH",
    "",
    "  _sidata = LOADADDR(.data);",
    "  .data : { . = ALIGN(4); _sdata = .; *(.data .data.*) . = ALIGN(4); _edata = .; } > RAM AT> FLASH",
    "  .bss (NOLOAD) : { . = ALIGN(4); _sbss = .; __bss_start__ = .; *(.bss .bss.*) *(COMMON) . = ALIGN(4); _ebss = .; __bss_end__ = .; } > RAM",
    "  . = ALIGN(8);",
    "  /* newlib's _sbrk (nosys) starts the heap at end; the firmware itself never allocates. */",
    "  PROVIDE(end = .);",
    "  PROVIDE(_end = .);",
    "  PROVIDE(__end__ = .);",
    '  ASSERT(. + _min_stack <= _estack, "static RAM leaves less than _min_stack bytes for the stack")',
    "",
    "  .ARM.attributes 0 : { *(.ARM.attributes) }",
    "}",
  ]);
}
