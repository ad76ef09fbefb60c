import { defineBoard } from "./schema";

// ST NUCLEO-L476RG (MB1136): LD2 on PA5 (shared with D13/SPI1_SCK), B1 on PC13.
// SRAM2 (32 KiB, parity-checked, retained in Standby) sits at 0x10000000 and is
// also aliased at 0x20018000 right after SRAM1; only the 0x10000000 view is
// listed so the alias is not counted twice. ramBytes is SRAM1, the linker's RAM.
export default defineBoard({
  id: "nucleo-l476rg",
  name: "Nucleo-L476RG",
  vendor: "STMicroelectronics",
  mcu: "STM32L476RG",
  family: "stm32l4",
  architecture: "cortex-m4f",
  clockHz: 80_000_000,
  flashBytes: 1024 * 1024,
  ramBytes: 96 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0800_0000, length: 1024 * 1024 },
    { name: "sram1", kind: "ram", origin: 0x2000_0000, length: 96 * 1024 },
    { name: "sram2", kind: "ram", origin: 0x1000_0000, length: 32 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  console: {
    kind: "uart",
    baud: 115200,
    peripheral: "USART2 @ 0x40004400 (ST-LINK virtual COM port)",
    base: 0x4000_4400,
  },
  emulator: null,
  flashRoutes: [
    {
      label: "On-board ST-LINK",
      wiring:
        "Nothing to wire: plug the USB cable into the ST-LINK/V2-1 connector (CN1, the top of the board). Keep both CN2 jumpers on so the ST-LINK drives the STM32L476's SWD pins (PA13, PA14) and NRST.",
      usb: [{ vid: "0483", pid: "374b" }],
      method: {
        protocol: "stlink",
        family: "stm32l4",
        flashAddress: 0x0800_0000,
        expectedDevId: 0x415,
        flashSizeKiB: 1024,
      },
    },
    {
      label: "USB-serial (BOOT0)",
      wiring:
        "Through the same USB cable: the ST-LINK's virtual COM port is wired to USART2 (PA2 TX, PA3 RX), which the STM32L476's ROM bootloader listens on. When asked, connect BOOT0 (CN7 pin 7) to VDD (CN7 pin 5) and press the black RESET button; remove the wire afterwards.",
      usb: [{ vid: "0483", pid: "374b" }],
      method: {
        protocol: "stm32-uart",
        baud: 115200,
        expectedChipId: 0x415,
        flashAddress: 0x0800_0000,
      },
    },
  ],
  usb: [{ vid: "0483", pid: "374b", role: "debugger", description: "ST-LINK/V2-1 (SWD, VCP, mass storage)" }],
  pins: {
    led: "PA5",
    button: "PC13",
    "uart.tx": "PA2",
    "uart.rx": "PA3",
    "i2c.sda": "PB9",
    "i2c.scl": "PB8",
    "spi.sck": "PA5",
    "spi.miso": "PA6",
    "spi.mosi": "PA7",
    adc0: "PA0",
  },
  hasNetwork: false,
  datasheet: "https://www.st.com/resource/en/datasheet/stm32l476rg.pdf",
});
