import { defineBoard } from "./schema";

// Arduino Nano (ATmega328P). Current Nanos ship Optiboot (512 B at 0x7E00,
// 115200 baud), leaving 32256 B. Older Nanos and many clones still carry the
// 2 KiB ATmegaBOOT at 57600 baud (30720 B for the app): the flasher should
// retry at 57600 if the sync at 115200 fails.
// Pin names are header labels: D13 = PB5, D1/D0 = PD1/PD0, A4/A5 = PC4/PC5.
export default defineBoard({
  id: "arduino-nano",
  name: "Arduino Nano",
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
  emulator: {
    capability: "qemu-avr",
    machine: "arduino-uno",
    note: "QEMU 7.2 has no Nano machine; the Uno model has the same ATmega328P at 16 MHz",
  },
  flashRoutes: [
    {
      label: "USB (bootloader)",
      wiring: "Nothing to wire: plug the board's USB cable in. Opening the port resets the chip into its bootloader.",
      usb: [
        { vid: "0403", pid: "6001" },
        { vid: "1a86", pid: "7523" },
      ],
      method: { protocol: "stk500v1", baud: 115200, pageSize: 128, signature: [0x1e, 0x95, 0x0f] },
    },
  ],
  usb: [
    { vid: "0403", pid: "6001", role: "bridge", description: "FTDI FT232RL" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "CH340 (Nano clones)" },
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
