import { defineBoard } from "./schema";

// Netduino Plus 2 (Secret Labs, later Wilderness Labs). 25 MHz HSE.
// The board also has an ENC28J60 Ethernet controller on SPI; hasNetwork stays
// false because swarm networking is only wired up for the ESP families.
export default defineBoard({
  id: "netduino-plus-2",
  name: "Netduino Plus 2",
  vendor: "Secret Labs",
  mcu: "STM32F405RG",
  family: "stm32f4",
  architecture: "cortex-m4f",
  clockHz: 168_000_000,
  crystalHz: 25_000_000,
  flashBytes: 1024 * 1024,
  // SRAM1 (112 KiB) + SRAM2 (16 KiB), contiguous; the 64 KiB CCM is not DMA-capable
  // and is listed separately.
  ramBytes: 128 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0800_0000, length: 1024 * 1024 },
    { name: "sram", kind: "ram", origin: 0x2000_0000, length: 128 * 1024 },
    { name: "ccm", kind: "ram", origin: 0x1000_0000, length: 64 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  // USART1 is QEMU's first serial port on this machine. On the real board its
  // pins (PA9/PA10) are not on a header and PA10 drives the blue LED; the
  // header UART (D1/D0) is USART6 on PC6/PC7.
  console: { kind: "uart", baud: 115200, peripheral: "USART1 @ 0x40011000", base: 0x4001_1000 },
  emulator: { capability: "qemu-arm", machine: "netduinoplus2" },
  flashRoutes: [
    {
      label: "USB DFU (button)",
      wiring:
        "Unplug the USB cable, hold the on-board push button and plug the cable back in: the STM32 ROM DFU bootloader appears.",
      usb: [{ vid: "0483", pid: "df11" }],
      method: {
        protocol: "dfuse",
        address: 0x0800_0000,
        memoryLayout: "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
        enterBootloader:
          "Unplug the USB cable, hold the on-board push button and plug the cable back in: the STM32 ROM DFU bootloader appears.",
      },
    },
  ],
  usb: [{ vid: "0483", pid: "df11", role: "bootloader", description: "STM32 ROM bootloader (DfuSe)" }],
  pins: {
    led: "PA10",
    button: "PB11",
    "uart.tx": "PA9",
    "uart.rx": "PA10",
    "uart6.tx": "PC6",
    "uart6.rx": "PC7",
    "i2c.sda": "PB7",
    "i2c.scl": "PB6",
    "spi.sck": "PB13",
    "spi.miso": "PB14",
    "spi.mosi": "PB15",
    adc0: "PC0",
  },
  hasNetwork: false,
  datasheet: "https://www.st.com/resource/en/datasheet/stm32f405rg.pdf",
});
