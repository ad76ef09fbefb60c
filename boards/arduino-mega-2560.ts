import { defineBoard } from "./schema";

// Arduino Mega 2560 (R3). The STK500v2 bootloader takes the top 8 KiB of flash
// (0x3E000), leaving 253952 B. SRAM starts at 0x200 in data space (after the
// extended I/O). Pin names are header labels: D13 = PB7, D1/D0 = PE1/PE0,
// D20/D21 = PD1/PD0, D52/D50/D51 = PB1/PB3/PB2, A0 = PF0.
export default defineBoard({
  id: "arduino-mega-2560",
  name: "Arduino Mega 2560",
  vendor: "Arduino",
  mcu: "ATmega2560",
  family: "avr",
  architecture: "avr8",
  clockHz: 16_000_000,
  flashBytes: 256 * 1024 - 8 * 1024,
  ramBytes: 8 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0_0000, length: 256 * 1024 - 8 * 1024 },
    { name: "bootloader", kind: "flash", origin: 0x3_e000, length: 8 * 1024 },
    { name: "sram", kind: "ram", origin: 0x0200, length: 8 * 1024 },
    { name: "eeprom", kind: "eeprom", origin: 0x0000, length: 4 * 1024 },
  ],
  toolchain: {
    capability: "avr-gcc",
    compiler: "avr-gcc",
    cflags: ["-mmcu=atmega2560", "-DF_CPU=16000000UL"],
    ldflags: ["-mmcu=atmega2560", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "USART0 @ 0xC0 (data space)", base: 0xc0 },
  emulator: { capability: "qemu-avr", machine: "arduino-mega-2560-v3" },
  flashRoutes: [
    {
      label: "USB (bootloader)",
      wiring: "Nothing to wire: plug the board's USB cable in. Opening the port resets the chip into its bootloader.",
      usb: [
        { vid: "2341", pid: "0042" },
        { vid: "2341", pid: "0010" },
        { vid: "1a86", pid: "7523" },
      ],
      method: { protocol: "stk500v2", baud: 115200, pageSize: 256, signature: [0x1e, 0x98, 0x01] },
    },
  ],
  usb: [
    { vid: "2341", pid: "0042", role: "board", description: "Arduino Mega 2560 R3 (ATmega16U2)" },
    { vid: "2341", pid: "0010", role: "board", description: "Arduino Mega 2560 (ATmega8U2)" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "CH340 (Mega clones)" },
  ],
  pins: {
    led: "D13",
    "uart.tx": "D1",
    "uart.rx": "D0",
    "i2c.sda": "D20",
    "i2c.scl": "D21",
    "spi.sck": "D52",
    "spi.miso": "D50",
    "spi.mosi": "D51",
    adc0: "A0",
  },
  hasNetwork: false,
  datasheet:
    "https://ww1.microchip.com/downloads/en/devicedoc/atmel-2549-8-bit-avr-microcontroller-atmega640-1280-1281-2560-2561_datasheet.pdf",
});
