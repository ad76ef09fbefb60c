import { defineBoard } from "./schema";

// "Blue Pill": generic STM32F103C8T6 board, 8 MHz HSE, LED on PC13 (active low).
// Many units carry 128 KiB parts or clones (CKS32/CS32); the catalogue uses the
// datasheet's 64 KiB.
export default defineBoard({
  id: "bluepill-f103c8",
  name: "Blue Pill (STM32F103C8)",
  vendor: "Generic",
  mcu: "STM32F103C8",
  family: "stm32f1",
  architecture: "cortex-m3",
  clockHz: 72_000_000,
  crystalHz: 8_000_000,
  flashBytes: 64 * 1024,
  ramBytes: 20 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0800_0000, length: 64 * 1024 },
    { name: "sram", kind: "ram", origin: 0x2000_0000, length: 20 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m3", "-mthumb"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "USART1 @ 0x40013800", base: 0x4001_3800 },
  emulator: {
    capability: "qemu-arm",
    machine: "stm32vldiscovery",
    approximate:
      "QEMU 7.2 has no STM32F103 model; its STM32F100 has the same Cortex-M3 core, flash at 0x08000000 and USART1 at 0x40013800, but 8 KiB of SRAM",
  },
  flashRoutes: [
    {
      label: "ST-LINK",
      wiring:
        "An ST-LINK/V2 dongle on the 4-pin SWD header at the end of the board: SWDIO to DIO (PA13), SWCLK to CLK (PA14), GND to GND, 3.3V to 3.3 (power the board from the dongle or from its USB port, not both). Both BOOT jumpers stay at 0.",
      usb: [{ vid: "0483", pid: "3748" }],
      method: {
        protocol: "stlink",
        family: "stm32f1",
        flashAddress: 0x0800_0000,
        expectedDevId: 0x410,
        flashSizeKiB: 64,
      },
    },
    {
      label: "USB-serial (BOOT0)",
      wiring:
        "Wire a USB-serial adapter set to 3.3 V: adapter TX to PA10, adapter RX to PA9, GND to GND. Power the board from the adapter's 3.3V pin or its own USB port. When asked, move the BOOT0 jumper to 1 and press reset; move it back to 0 afterwards so the new program starts at power-up.",
      usb: [
        { vid: "1a86", pid: "7523" },
        { vid: "10c4", pid: "ea60" },
        { vid: "0403", pid: "6001" },
      ],
      method: {
        protocol: "stm32-uart",
        baud: 115200,
        expectedChipId: 0x410,
        flashAddress: 0x0800_0000,
      },
    },
  ],
  usb: [
    { vid: "0483", pid: "3748", role: "debugger", description: "ST-LINK/V2 (SWD)" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "CH340 USB-serial adapter on USART1" },
    { vid: "10c4", pid: "ea60", role: "bridge", description: "CP2102 USB-serial adapter on USART1" },
    { vid: "0403", pid: "6001", role: "bridge", description: "FT232R USB-serial adapter on USART1" },
  ],
  pins: {
    led: "PC13",
    "uart.tx": "PA9",
    "uart.rx": "PA10",
    "i2c.sda": "PB7",
    "i2c.scl": "PB6",
    "spi.sck": "PA5",
    "spi.miso": "PA6",
    "spi.mosi": "PA7",
    adc0: "PA0",
  },
  hasNetwork: false,
  datasheet: "https://www.st.com/resource/en/datasheet/stm32f103c8.pdf",
});
