import { defineBoard } from "./schema";

// Espressif ESP32-S3-DevKitC-1-N8 (ESP32-S3-WROOM-1-N8: 8 MB flash, no PSRAM).
// Two USB-C ports: "UART" (CP2102N to UART0) and "USB" (the chip's own
// USB-Serial/JTAG). flashBytes is the app budget: same single-app partition
// table as the ESP32 (1 MiB factory partition at 0x10000).
// SRAM is 512 KiB: SRAM0 (64 KiB) is instruction-bus only; SRAM1 (416 KiB,
// 0x3FC88000 on the data bus) is shared by IRAM and DRAM; SRAM2 (64 KiB,
// 0x3FCF0000) is largely held by the ROM. About 320 KiB is left for data.
export default defineBoard({
  id: "esp32-s3-devkitc-1",
  name: "ESP32-S3-DevKitC-1",
  vendor: "Espressif",
  mcu: "ESP32-S3",
  family: "esp32s3",
  architecture: "xtensa-lx7",
  clockHz: 240_000_000,
  flashBytes: 1024 * 1024,
  ramBytes: 320 * 1024,
  memoryMap: [
    { name: "spi-flash", kind: "flash", origin: 0x0, length: 8 * 1024 * 1024 },
    { name: "dram", kind: "ram", origin: 0x3fc8_8000, length: 416 * 1024 },
  ],
  toolchain: {
    capability: "esp-idf",
    compiler: "xtensa-esp32s3-elf-gcc",
    cflags: ["-mlongcalls"],
    ldflags: ["-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "UART0 @ 0x60000000", base: 0x6000_0000 },
  emulator: null,
  flashRoutes: [
    {
      label: "USB-serial (esptool)",
      wiring:
        "Nothing to wire: plug the board's USB port in. Its auto-reset circuit puts the chip into the ROM loader; if it does not answer, hold BOOT, tap EN/RST and release BOOT.",
      usb: [
        { vid: "303a", pid: "1001" },
        { vid: "10c4", pid: "ea60" },
      ],
      method: {
        protocol: "esptool",
        chip: "ESP32-S3",
        baud: 921600,
        fallbackBaud: 115200,
        flashSize: "8MB",
        flashMode: "dio",
        flashFreq: "80m",
        offsets: { bootloader: 0x0, partitionTable: 0x8000, app: 0x10000 },
      },
    },
  ],
  usb: [
    { vid: "303a", pid: "1001", role: "board", description: 'ESP32-S3 USB-Serial/JTAG ("USB" port)' },
    { vid: "10c4", pid: "ea60", role: "bridge", description: 'Silicon Labs CP2102N ("UART" port)' },
  ],
  pins: {
    rgbLed: "GPIO48", // WS2812; GPIO38 on board revision v1.1
    button: "GPIO0", // BOOT
    "uart.tx": "GPIO43",
    "uart.rx": "GPIO44",
    "i2c.sda": "GPIO8",
    "i2c.scl": "GPIO9",
    "spi.sck": "GPIO12",
    "spi.miso": "GPIO13",
    "spi.mosi": "GPIO11",
    adc0: "GPIO1", // ADC1_CH0
  },
  hasNetwork: true,
  datasheet: "https://www.espressif.com/sites/default/files/documentation/esp32-s3_datasheet_en.pdf",
});
