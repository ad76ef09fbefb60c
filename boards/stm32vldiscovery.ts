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
  flash: {
    protocol: "unsupported",
    reason:
      "The STM32F100 has no USB and the board's ST-LINK/V1 only speaks SCSI mass-storage pass-through: flash with st-flash or OpenOCD over the ST-LINK, or set BOOT0 high and use stm32flash over USART1 (PA9/PA10) with a USB-serial adapter.",
  },
  usb: [{ vid: "0483", pid: "3744", role: "debugger", description: "ST-LINK/V1" }],
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
