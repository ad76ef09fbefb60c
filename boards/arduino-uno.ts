import { defineBoard } from "./schema";

// Arduino Uno (R3). AVR memories are separate address spaces: flash (program),
// SRAM (data space, after the 0x100 bytes of registers and I/O), EEPROM.
// Optiboot occupies the last 512 B of flash (0x7E00), hence 32256 B for the app.
// Pin names are the board's header labels: D13 = PB5, D1/D0 = PD1/PD0,
// A4/A5 = PC4/PC5, D11/D12 = PB3/PB4, A0 = PC0.
export default defineBoard({
  id: "arduino-uno",
  name: "Arduino Uno",
  vendor: "Arduino",
  mcu: "ATmega328P",
  family: "avr",
  architecture: "avr8",
  clockHz: 16_000_000,
  flashBytes: 32 * 1024 - 512,
  ramBytes: 2 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0000, length: 32 * 1024 - 512 },
    { name: "bootloader", kind: "flash", origin: 0x7e00, length: 512 },
    { name: "sram", kind: "ram", origin: 0x0100, length: 2 * 1024 },
    { name: "eeprom", kind: "eeprom", origin: 0x0000, length: 1024 },
  ],
  toolchain: {
    capability: "avr-gcc",
    compiler: "avr-gcc",
    cflags: ["-mmcu=atmega328p", "-DF_CPU=16000000UL"],
    ldflags: ["-mmcu=atmega328p", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "USART0 @ 0xC0 (data space)", base: 0xc0 },
  emulator: { capability: "qemu-avr", machine: "arduino-uno" },
  flashRoutes: [
    {
      label: "USB (bootloader)",
      wiring: "Nothing to wire: plug the board's USB cable in. Opening the port resets the chip into its bootloader.",
      usb: [
        { vid: "2341", pid: "0043" },
        { vid: "2341", pid: "0001" },
        { vid: "2a03", pid: "0043" },
        { vid: "1a86", pid: "7523" },
      ],
      method: { protocol: "stk500v1", baud: 115200, pageSize: 128, signature: [0x1e, 0x95, 0x0f] },
    },
  ],
  usb: [
    { vid: "2341", pid: "0043", role: "board", description: "Arduino Uno R3 (ATmega16U2)" },
    { vid: "2341", pid: "0001", role: "board", description: "Arduino Uno (ATmega8U2)" },
    { vid: "2a03", pid: "0043", role: "board", description: "Arduino.org Uno R3 (ATmega16U2)" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "CH340 (Uno clones)" },
  ],
  pins: {
    led: "D13",
    "uart.tx": "D1",
    "uart.rx": "D0",
    "i2c.sda": "A4",
    "i2c.scl": "A5",
    "spi.sck": "D13",
    "spi.miso": "D12",
    "spi.mosi": "D11",
    adc0: "A0",
  },
  hasNetwork: false,
  datasheet: "https://ww1.microchip.com/downloads/en/DeviceDoc/ATmega48A-PA-88A-PA-168A-PA-328-P-DS-DS40002061A.pdf",
});
