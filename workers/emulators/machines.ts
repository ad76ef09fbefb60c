/**
 * The QEMU 7.2 machines nodes run on, as data: which binary, how the image is loaded, which UARTs the machine
 * models (in `-serial` order, so a board's console base picks its slot), whether `-icount` and semihosting work,
 * and the SRAM the model has (an approximate machine may have less than the board).
 */
export interface QemuMachine {
  binary: "qemu-system-arm" | "qemu-system-avr";
  /** What the machine models, for messages: "STM32F100 (Cortex-M3)". */
  chip: string;
  /** How the ELF is loaded: `-kernel` (Cortex-M vector table) or `-bios` (AVR flash). */
  imageFlag: "-kernel" | "-bios";
  /** UART base addresses in the order QEMU attaches `-serial` chardevs to them. */
  serialBases: number[];
  /** `-icount shift=0,sleep=off` works (it does not on AVR: "Bad icount read"). */
  icount: boolean;
  /** ARM semihosting (SYS_WRITE0, SYS_EXIT_EXTENDED) is available. */
  semihosting: boolean;
  /** Cortex-M: the exception number in IPSR tells a fault handler apart (info registers). */
  faultRegisters: boolean;
  /** First address past the model's main SRAM. */
  ramEnd: number;
}

const cortexM = (chip: string, serialBases: number[], ramEnd: number): QemuMachine => ({
  binary: "qemu-system-arm",
  chip,
  imageFlag: "-kernel",
  serialBases,
  icount: true,
  semihosting: true,
  faultRegisters: true,
  ramEnd,
});

const avr = (chip: string, serialBases: number[], ramEnd: number): QemuMachine => ({
  binary: "qemu-system-avr",
  chip,
  imageFlag: "-bios",
  serialBases,
  icount: false,
  semihosting: false,
  faultRegisters: false,
  ramEnd,
});

// STM32F2/F4 USART1, USART2, USART3, UART4, UART5, USART6 (QEMU's stm32f2xx/f405 SoC order).
const STM32F4_USARTS = [0x4001_1000, 0x4000_4400, 0x4000_4800, 0x4000_4c00, 0x4000_5000, 0x4001_1400];
// Stellaris UART0..2; CMSDK APB UART0..4 on the MPS2 FPGA images.
const STELLARIS_UARTS = [0x4000_c000, 0x4000_d000, 0x4000_e000];
const CMSDK_UARTS = [0x4000_4000, 0x4000_5000, 0x4000_6000, 0x4000_7000, 0x4000_9000];

export const QEMU_MACHINES: Readonly<Record<string, QemuMachine>> = {
  lm3s6965evb: cortexM("LM3S6965 (Cortex-M3)", STELLARIS_UARTS, 0x2001_0000),
  lm3s811evb: cortexM("LM3S811 (Cortex-M3)", STELLARIS_UARTS.slice(0, 2), 0x2000_2000),
  netduinoplus2: cortexM("STM32F405 (Cortex-M4F)", STM32F4_USARTS, 0x2002_0000),
  netduino2: cortexM("STM32F205 (Cortex-M3)", STM32F4_USARTS, 0x2002_0000),
  // USART1 @0x40013800 first, like the F103's; 8 KiB of SRAM.
  stm32vldiscovery: cortexM("STM32F100 (Cortex-M3)", [0x4001_3800, 0x4000_4400, 0x4000_4800], 0x2000_2000),
  "mps2-an385": cortexM("CMSDK Cortex-M3", CMSDK_UARTS, 0x2040_0000),
  "mps2-an386": cortexM("CMSDK Cortex-M4", CMSDK_UARTS, 0x2040_0000),
  "mps2-an500": cortexM("CMSDK Cortex-M7", CMSDK_UARTS, 0x2040_0000),
  // USART0 is the data-space register block at 0xC0 (UCSR0A); the Mega's USART1..3 follow in QEMU's order.
  "arduino-uno": avr("ATmega328P", [0xc0], 0x900),
  "arduino-mega-2560-v3": avr("ATmega2560", [0xc0, 0xc8, 0xd0, 0x130], 0x2200),
};
