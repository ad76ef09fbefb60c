import { defineBoard } from "./schema";

// Espressif ESP32-C3-DevKitM-1 (ESP32-C3-MINI-1: ESP32-C3FN4, 4 MB in-package
// flash). One micro-USB port through a CP2102N to UART0.
// SRAM is 400 KiB, but 16 KiB is the flash cache and the remaining 384 KiB
// (0x3FC80000 on the data bus) is shared by IRAM code, DRAM and the ROM's
// reserved top; ~320 KiB for data is an estimate, not a datasheet figure.
// I2C is put on GPIO4/5 because the Arduino default (8/9) collides with the
// RGB LED (GPIO8) and the BOOT button (GPIO9).
export default defineBoard({
  id: "esp32-c3-devkitm-1",
  name: "ESP32-C3-DevKitM-1",
  vendor: "Espressif",
  mcu: "ESP32-C3FN4",
  family: "esp32c3",
  architecture: "riscv32",
  clockHz: 160_000_000,
  flashBytes: 1024 * 1024,
  ramBytes: 320 * 1024,
  memoryMap: [
    { name: "spi-flash", kind: "flash", origin: 0x0, length: 4 * 1024 * 1024 },
    { name: "dram", kind: "ram", origin: 0x3fc8_0000, length: 384 * 1024 },
  ],
  toolchain: {
    capability: "esp-idf",
    compiler: "riscv32-esp-elf-gcc",
    cflags: ["-march=rv32imc_zicsr_zifencei", "-mabi=ilp32"],
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
        { vid: "10c4", pid: "ea60" },
        { vid: "303a", pid: "1001" },
      ],
      method: {
        protocol: "esptool",
        chip: "ESP32-C3",
        baud: 921600,
        fallbackBaud: 115200,
        flashSize: "4MB",
        flashMode: "dio",
        flashFreq: "80m",
        offsets: { bootloader: 0x0, partitionTable: 0x8000, app: 0x10000 },
      },
    },
  ],
  usb: [
    { vid: "10c4", pid: "ea60", role: "bridge", description: "Silicon Labs CP2102N" },
    {
      vid: "303a",
      pid: "1001",
      role: "board",
      description: "ESP32-C3 USB-Serial/JTAG (GPIO18/19; not wired to the DevKitM-1 connector)",
    },
  ],
  pins: {
    rgbLed: "GPIO8", // WS2812
    button: "GPIO9", // BOOT
    "uart.tx": "GPIO21",
    "uart.rx": "GPIO20",
    "i2c.sda": "GPIO4",
    "i2c.scl": "GPIO5",
    "spi.sck": "GPIO6",
    "spi.miso": "GPIO2",
    "spi.mosi": "GPIO7",
    adc0: "GPIO0", // ADC1_CH0
  },
  hasNetwork: true,
  datasheet: "https://www.espressif.com/sites/default/files/documentation/esp32-c3_datasheet_en.pdf",
});
