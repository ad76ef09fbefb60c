import { defineBoard } from "./schema";

// Espressif ESP32-DevKitC V4 with an ESP32-WROOM-32E module (ESP32-D0WD-V3,
// 4 MB SPI flash). No user LED on this board (only the power LED).
// flashBytes is the app budget: the ESP-IDF single-app table's 1 MiB factory
// partition at 0x10000. The flash region is the SPI flash's own offset space.
// DRAM: 0x3FFB0000..0x40000000 (320 KiB); the 8 KiB below it (0x3FFAE000) is
// reserved by the ROM, and the ROM/Bluetooth keep small pieces of the rest.
export default defineBoard({
  id: "esp32-devkitc",
  name: "ESP32-DevKitC",
  vendor: "Espressif",
  mcu: "ESP32-D0WD-V3",
  family: "esp32",
  architecture: "xtensa-lx6",
  clockHz: 240_000_000,
  flashBytes: 1024 * 1024,
  ramBytes: 320 * 1024,
  memoryMap: [
    { name: "spi-flash", kind: "flash", origin: 0x0, length: 4 * 1024 * 1024 },
    { name: "dram", kind: "ram", origin: 0x3ffb_0000, length: 320 * 1024 },
  ],
  toolchain: {
    capability: "esp-idf",
    compiler: "xtensa-esp32-elf-gcc",
    cflags: ["-mlongcalls"],
    ldflags: ["-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "UART0 @ 0x3FF40000", base: 0x3ff4_0000 },
  emulator: null,
  flashRoutes: [
    {
      label: "USB-serial (esptool)",
      wiring:
        "Nothing to wire: plug the board's USB port in. Its auto-reset circuit puts the chip into the ROM loader; if it does not answer, hold BOOT, tap EN/RST and release BOOT.",
      usb: [
        { vid: "10c4", pid: "ea60" },
        { vid: "1a86", pid: "7523" },
        { vid: "1a86", pid: "55d4" },
      ],
      method: {
        protocol: "esptool",
        chip: "ESP32",
        baud: 921600,
        fallbackBaud: 115200,
        flashSize: "4MB",
        flashMode: "dio",
        flashFreq: "40m",
        offsets: { bootloader: 0x1000, partitionTable: 0x8000, app: 0x10000 },
      },
    },
  ],
  usb: [
    { vid: "10c4", pid: "ea60", role: "bridge", description: "Silicon Labs CP2102/CP2102N" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "WCH CH340" },
    { vid: "1a86", pid: "55d4", role: "bridge", description: "WCH CH9102F" },
  ],
  pins: {
    button: "GPIO0", // BOOT
    "uart.tx": "GPIO1",
    "uart.rx": "GPIO3",
    "i2c.sda": "GPIO21",
    "i2c.scl": "GPIO22",
    "spi.sck": "GPIO18",
    "spi.miso": "GPIO19",
    "spi.mosi": "GPIO23",
    adc0: "GPIO36", // ADC1_CH0 (SENSOR_VP)
  },
  hasNetwork: true,
  datasheet: "https://www.espressif.com/sites/default/files/documentation/esp32_datasheet_en.pdf",
});
