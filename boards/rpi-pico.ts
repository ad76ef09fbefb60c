import { defineBoard } from "./schema";

// Raspberry Pi Pico: RP2040 (dual Cortex-M0+), 2 MB W25Q16 QSPI flash at
// 0x10000000 (XIP). The first 256 B hold boot2 (the flash second-stage loader),
// so the application gets 2 MiB - 256. SRAM: 264 KiB contiguous
// (4 x 64 KiB striped banks + two 4 KiB scratch banks).
export default defineBoard({
  id: "rpi-pico",
  name: "Raspberry Pi Pico",
  vendor: "Raspberry Pi",
  mcu: "RP2040",
  family: "rp2040",
  architecture: "cortex-m0plus",
  clockHz: 133_000_000,
  crystalHz: 12_000_000,
  flashBytes: 2 * 1024 * 1024 - 256,
  ramBytes: 264 * 1024,
  memoryMap: [
    { name: "bootrom", kind: "rom", origin: 0x0000_0000, length: 16 * 1024 },
    { name: "boot2", kind: "flash", origin: 0x1000_0000, length: 256 },
    { name: "flash", kind: "flash", origin: 0x1000_0100, length: 2 * 1024 * 1024 - 256 },
    { name: "sram", kind: "ram", origin: 0x2000_0000, length: 264 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m0plus", "-mthumb"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "UART0 (PL011) @ 0x40034000", base: 0x4003_4000 },
  emulator: {
    capability: "rp2040js",
    machine: "rp2040",
    note: "rp2040js (npm) runs in the worker: boot2 at 0x10000000, started the way the boot ROM starts it; the ROM itself is not included",
  },
  flashRoutes: [
    {
      label: "USB (BOOTSEL)",
      wiring:
        'Nothing to wire: hold the BOOTSEL button while plugging the USB cable in, then release it. The boot ROM appears as "RP2 Boot" (and the RPI-RP2 drive); it restarts into the new program when done.',
      usb: [{ vid: "2e8a", pid: "0003" }],
      method: {
        protocol: "picoboot",
        flashAddress: 0x1000_0000,
        flashBytes: 2 * 1024 * 1024,
        enterBootloader: "Hold BOOTSEL while plugging in the USB cable, then pick RP2 Boot.",
      },
    },
    {
      label: "UF2 drive (download)",
      wiring:
        "Hold BOOTSEL while plugging the USB cable in: the Pico mounts as the RPI-RP2 drive. Copy the .uf2 file onto it; the Pico restarts into it.",
      usb: [],
      method: {
        protocol: "uf2",
        familyId: 0xe48b_ff56,
        address: 0x1000_0000,
        enterBootloader: "Hold BOOTSEL while plugging in the USB cable: the Pico mounts as the RPI-RP2 drive.",
      },
    },
  ],
  usb: [
    { vid: "2e8a", pid: "0003", role: "bootloader", description: "RP2040 boot ROM (RPI-RP2 mass storage + PICOBOOT)" },
    { vid: "2e8a", pid: "000a", role: "board", description: "Pico SDK stdio USB (CDC)" },
  ],
  pins: {
    led: "GP25",
    "uart.tx": "GP0",
    "uart.rx": "GP1",
    "i2c.sda": "GP4",
    "i2c.scl": "GP5",
    "spi.sck": "GP18",
    "spi.miso": "GP16",
    "spi.mosi": "GP19",
    adc0: "GP26",
  },
  hasNetwork: false,
  datasheet: "https://datasheets.raspberrypi.com/rp2040/rp2040-datasheet.pdf",
});
