import { defineBoard } from "./schema";

// WeAct Studio "Black Pill" v2/v3: STM32F411CEU6, 25 MHz HSE, LED on PC13
// (active low), KEY button on PA0, BOOT0 and NRST buttons.
export default defineBoard({
  id: "blackpill-f411ce",
  name: "Black Pill (STM32F411CE)",
  vendor: "WeAct Studio",
  mcu: "STM32F411CE",
  family: "stm32f4",
  architecture: "cortex-m4f",
  clockHz: 100_000_000,
  crystalHz: 25_000_000,
  flashBytes: 512 * 1024,
  ramBytes: 128 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0800_0000, length: 512 * 1024 },
    { name: "sram", kind: "ram", origin: 0x2000_0000, length: 128 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "USART1 @ 0x40011000", base: 0x4001_1000 },
  emulator: {
    capability: "qemu-arm",
    machine: "netduinoplus2",
    approximate:
      "QEMU 7.2 has no STM32F411 model; its STM32F405 has the same Cortex-M4F core, flash at 0x08000000, SRAM at 0x20000000 and USART1 at 0x40011000",
  },
  flashRoutes: [
    {
      label: "USB DFU (BOOT0)",
      wiring:
        "Plug the USB-C cable in. Hold BOOT0, press and release NRST, then release BOOT0: the ROM DFU bootloader enumerates on the same port (retry if it does not; the ROM is sensitive to a cold board).",
      usb: [{ vid: "0483", pid: "df11" }],
      method: {
        protocol: "dfuse",
        address: 0x0800_0000,
        memoryLayout: "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,03*128Kg",
        enterBootloader:
          "With USB-C connected, hold BOOT0, press and release NRST, then release BOOT0 (retry if it does not enumerate; the ROM is sensitive to a cold board).",
      },
    },
    {
      label: "ST-LINK",
      wiring:
        "An ST-LINK/V2 dongle on the 4-pin SWD header at the end of the board: SWDIO to DIO (PA13), SWCLK to CLK (PA14), GND to GND, 3.3V to 3V3. Leave the USB-C cable out, or the dongle's 3.3 V: one supply only.",
      usb: [{ vid: "0483", pid: "3748" }],
      method: {
        protocol: "stlink",
        family: "stm32f4",
        flashAddress: 0x0800_0000,
        expectedDevId: 0x431,
        flashSizeKiB: 512,
      },
    },
    {
      label: "USB-serial (BOOT0)",
      wiring:
        "Wire a USB-serial adapter set to 3.3 V: adapter TX to PA10, adapter RX to PA9, GND to GND. When asked, hold BOOT0, press and release NRST, then release BOOT0.",
      usb: [
        { vid: "1a86", pid: "7523" },
        { vid: "10c4", pid: "ea60" },
        { vid: "0403", pid: "6001" },
      ],
      method: {
        protocol: "stm32-uart",
        baud: 115200,
        expectedChipId: 0x431,
        flashAddress: 0x0800_0000,
      },
    },
  ],
  usb: [
    { vid: "0483", pid: "df11", role: "bootloader", description: "STM32 ROM bootloader (DfuSe)" },
    { vid: "0483", pid: "3748", role: "debugger", description: "ST-LINK/V2 dongle (SWD)" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "CH340 USB-serial adapter on USART1" },
    { vid: "10c4", pid: "ea60", role: "bridge", description: "CP2102 USB-serial adapter on USART1" },
    { vid: "0403", pid: "6001", role: "bridge", description: "FT232R USB-serial adapter on USART1" },
  ],
  pins: {
    led: "PC13",
    button: "PA0",
    "uart.tx": "PA9",
    "uart.rx": "PA10",
    "i2c.sda": "PB7",
    "i2c.scl": "PB6",
    "spi.sck": "PA5",
    "spi.miso": "PA6",
    "spi.mosi": "PA7",
    adc0: "PA1", // ADC1_IN1; PA0 (IN0) carries the KEY button
  },
  hasNetwork: false,
  datasheet: "https://www.st.com/resource/en/datasheet/stm32f411ce.pdf",
});
