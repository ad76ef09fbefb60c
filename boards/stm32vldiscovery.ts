import { defineBoard } from "./schema";

// ST STM32VLDISCOVERY (MB913): STM32F100RB value line, 8 MHz HSE, 24 MHz max.
export default defineBoard({
  id: "stm32vldiscovery",
  name: "STM32VLDISCOVERY",
  vendor: "STMicroelectronics",
  mcu: "STM32F100RB",
  family: "stm32f1",
  architecture: "cortex-m3",
  clockHz: 24_000_000,
  crystalHz: 8_000_000,
  flashBytes: 128 * 1024,
  ramBytes: 8 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0800_0000, length: 128 * 1024 },
    { name: "sram", kind: "ram", origin: 0x2000_0000, length: 8 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m3", "-mthumb"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "USART1 @ 0x40013800", base: 0x4001_3800 },
  emulator: { capability: "qemu-arm", machine: "stm32vldiscovery" },
  flashRoutes: [
    {
      label: "USB-serial (BOOT0)",
      wiring:
        "The on-board ST-LINK/V1 cannot be driven from a browser; use USART1 instead. Wire a USB-serial adapter set to 3.3 V: adapter TX to PA10, adapter RX to PA9, GND to GND. Power the board from its mini-USB cable. When asked, tie the STM32F100's BOOT0 pin to 3V3 (the board pulls it low through a resistor; UM0919 shows where) and press the black RESET button; remove the wire afterwards.",
      usb: [
        { vid: "1a86", pid: "7523" },
        { vid: "10c4", pid: "ea60" },
        { vid: "0403", pid: "6001" },
      ],
      method: {
        protocol: "stm32-uart",
        baud: 115200,
        expectedChipId: 0x420,
        flashAddress: 0x0800_0000,
      },
    },
  ],
  usb: [
    { vid: "0483", pid: "3744", role: "debugger", description: "ST-LINK/V1" },
    { vid: "1a86", pid: "7523", role: "bridge", description: "CH340 USB-serial adapter on USART1" },
    { vid: "10c4", pid: "ea60", role: "bridge", description: "CP2102 USB-serial adapter on USART1" },
    { vid: "0403", pid: "6001", role: "bridge", description: "FT232R USB-serial adapter on USART1" },
  ],
  pins: {
    led: "PC9",
    led2: "PC8",
    button: "PA0",
    "uart.tx": "PA9",
    "uart.rx": "PA10",
    "i2c.sda": "PB7",
    "i2c.scl": "PB6",
    "spi.sck": "PA5",
    "spi.miso": "PA6",
    "spi.mosi": "PA7",
    adc0: "PA1", // ADC1_IN1; PA0 (IN0) carries the user button
  },
  hasNetwork: false,
  datasheet: "https://www.st.com/resource/en/datasheet/stm32f100rb.pdf",
});
