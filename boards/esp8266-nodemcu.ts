import { defineBoard } from "./schema";

// NodeMCU v2/v3 (ESP-12E/F module: ESP8266EX, 4 MB SPI flash).
// Layout decision: the toolchain is ESP8266_RTOS_SDK (the esp-idf style SDK for
// this chip), whose images are bootloader @0x0, partition table @0x8000 and a
// factory app @0x10000 of 0xF0000 bytes (its default single-app table; the
// ESP8266 maps at most 1 MiB of flash for code). Arduino/NONOS images would be
// one image at 0x0 instead; that is not what this catalogue builds.
// RAM: 80 KiB user DRAM (dram0 0x3FFE8000, 0x14000 bytes).
// Pin names are GPIO numbers; NodeMCU labels: GPIO2 = D4, GPIO4 = D2,
// GPIO5 = D1, GPIO14/12/13 = D5/D6/D7, GPIO0 = D3 (FLASH button).
export default defineBoard({
  id: "esp8266-nodemcu",
  name: "NodeMCU (ESP8266)",
  vendor: "NodeMCU",
  mcu: "ESP8266EX",
  family: "esp8266",
  architecture: "xtensa-lx106",
  clockHz: 80_000_000,
  flashBytes: 0xf_0000,
  ramBytes: 80 * 1024,
  memoryMap: [
    { name: "spi-flash", kind: "flash", origin: 0x0, length: 4 * 1024 * 1024 },
    { name: "dram", kind: "ram", origin: 0x3ffe_8000, length: 80 * 1024 },
  ],
  toolchain: {
    capability: "esp-idf",
    compiler: "xtensa-lx106-elf-gcc",
    cflags: ["-mlongcalls", "-mtext-section-literals"],
    ldflags: ["-Wl,--gc-sections"],
  },
  // The ROM prints its boot banner at 74880 baud before the app switches to 115200.
  console: { kind: "uart", baud: 115200, peripheral: "UART0 @ 0x60000000", base: 0x6000_0000 },
  emulator: null,
  flashRoutes: [
    {
      label: "USB-serial (esptool)",
      wiring:
        "Nothing to wire: plug the board's USB port in. Its auto-reset circuit puts the chip into the ROM loader; if it does not answer, hold BOOT, tap EN/RST and release BOOT.",
      usb: [
        { vid: "10c4", pid: "ea60" },
        { vid: "1a86", pid: "7523" },
      ],
      method: {
        protocol: "esptool",
        chip: "ESP8266",
        baud: 460800,
        fallbackBaud: 115200,
        flashSize: "4MB",
        flashMode: "dio",
        flashFreq: "40m",
        offsets: { bootloader: 0x0, partitionTable: 0x8000, app: 0x10000 },
      },
    },
  ],
  usb: [
    { vid: "10c4", pid: "ea60", role: "bridge", description: "Silicon Labs CP2102 (Amica NodeMCU v2)" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "WCH CH340 (LoLin NodeMCU v3)" },
  ],
  pins: {
    led: "GPIO2", // module LED, active low
    button: "GPIO0",
    "uart.tx": "GPIO1",
    "uart.rx": "GPIO3",
    "i2c.sda": "GPIO4",
    "i2c.scl": "GPIO5",
    "spi.sck": "GPIO14",
    "spi.miso": "GPIO12",
    "spi.mosi": "GPIO13",
    adc0: "A0", // TOUT, 0..1 V on the chip (0..3.3 V via the board divider)
  },
  hasNetwork: true,
  datasheet: "https://www.espressif.com/sites/default/files/documentation/0a-esp8266ex_datasheet_en.pdf",
});
