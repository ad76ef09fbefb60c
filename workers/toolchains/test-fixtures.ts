import type { FirmwareFile } from "../codegen/types";

// Minimal firmware for the toolchain tests; kept apart so both the unit and the integration tests can use it.

/** lm3s6965evb memory map: 256 KiB flash at 0, 64 KiB SRAM at 0x20000000. */
export const cortexM3LinkerScript = `MEMORY
{
  FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 256K
  RAM (rwx)  : ORIGIN = 0x20000000, LENGTH = 64K
}
ENTRY(Reset_Handler)
SECTIONS
{
  .isr_vector : { KEEP(*(.isr_vector)) } > FLASH
  .text : { *(.text*) *(.rodata*) . = ALIGN(4); } > FLASH
  .ARM.exidx : { *(.ARM.exidx*) } > FLASH
  _sidata = LOADADDR(.data);
  .data : { _sdata = .; *(.data*) . = ALIGN(4); _edata = .; } > RAM AT > FLASH
  .bss (NOLOAD) : { _sbss = .; *(.bss*) *(COMMON) . = ALIGN(4); _ebss = .; } > RAM
  _estack = ORIGIN(RAM) + LENGTH(RAM);
}
`;

/** Vector table + reset handler that copies .data and clears .bss, then a main with some data and bss. */
export const cortexM3Startup = `#include <stdint.h>
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);
void Reset_Handler(void) {
  uint32_t *src = &_sidata, *dst = &_sdata;
  while (dst < &_edata) *dst++ = *src++;
  for (dst = &_sbss; dst < &_ebss;) *dst++ = 0;
  main();
  for (;;) {}
}
__attribute__((section(".isr_vector"), used)) void (*const vectors[])(void) = {
  (void (*)(void))&_estack,
  Reset_Handler,
};
`;

export const cortexM3Main = `#include <string.h>
volatile int counter = 5;
static char buffer[100];
int main(void) {
  memset(buffer, counter, sizeof buffer);
  return buffer[counter];
}
`;

export function armFirmware(extra: FirmwareFile[] = [], main = cortexM3Main): FirmwareFile[] {
  return [
    { path: "link.ld", content: cortexM3LinkerScript },
    { path: "startup.c", content: cortexM3Startup },
    { path: "main.c", content: main },
    ...extra,
  ];
}

/** 300 KiB of flash on a 256 KiB part: ld refuses it, the toolchain must still report the figures. */
export const cortexM3TooBig = `static const char big[300 * 1024] = {1};
volatile int index_;
int main(void) { return big[index_]; }
`;

export const avrMain = `#include <avr/io.h>
volatile unsigned char counter;
unsigned char seed = 3;
static unsigned char buffer[64];
int main(void) {
  DDRB |= _BV(PB5);
  for (;;) {
    PORTB ^= _BV(PB5);
    buffer[counter & 63] = seed;
    counter += buffer[(counter + 1) & 63];
  }
}
`;

/** 40 KiB of flash on a 32 KiB part (two arrays: one AVR object may not exceed 32 KiB). */
export const avrTooBig = `#include <avr/pgmspace.h>
const unsigned char a[20480] PROGMEM = {1};
const unsigned char b[20480] PROGMEM = {2};
volatile unsigned int i;
int main(void) { return pgm_read_byte(&a[i]) + pgm_read_byte(&b[i]); }
`;
