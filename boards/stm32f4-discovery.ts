import { defineBoard } from "./schema";

// ST STM32F4DISCOVERY (MB997): STM32F407VGT6, 8 MHz HSE, LEDs on PD12..PD15,
// user button on PA0, LIS3DSH/LIS302DL accelerometer on SPI1, CS43L22 on I2C1.
export default defineBoard({
  id: "stm32f4-discovery",
  name: "STM32F4-Discovery",
  vendor: "STMicroelectronics",
  mcu: "STM32F407VG",
  family: "stm32f4",
  architecture: "cortex-m4f",
  clockHz: 168_000_000,
  crystalHz: 8_000_000,
  flashBytes: 1024 * 1024,
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
  console: { kind: "uart", baud: 115200, peripheral: "USART2 @ 0x40004400", base: 0x4000_4400 },
  emulator: {
    capability: "qemu-arm",
    machine: "netduinoplus2",
    note: "runs on QEMU's STM32F405 model: same core, flash and SRAM map; USART2 is that machine's second serial port (-serial null -serial stdio)",
    approximate:
      "QEMU 7.2 has no STM32F407 model; its STM32F405 is the same chip without Ethernet and camera interfaces",
  },
  flashRoutes: [
    {
      label: "USB DFU (BOOT0)",
      wiring:
        "Plug the mini-USB cable into CN1 (it powers the board) and a micro-USB cable into the OTG port CN5. Tie BOOT0 (header P2) to 3V and press the black RESET button: the ROM DFU bootloader enumerates on CN5. Remove the BOOT0 wire afterwards.",
      usb: [{ vid: "0483", pid: "df11" }],
      method: {
        protocol: "dfuse",
        address: 0x0800_0000,
        memoryLayout: "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
        enterBootloader:
          "Connect the micro-USB OTG port (CN5), tie BOOT0 to VDD (BOOT0 pin on header P2 to 3V) and press RESET: the STM32 ROM DFU bootloader enumerates on USB OTG FS.",
      },
    },
    {
      label: "On-board ST-LINK",
      wiring:
        "Nothing to wire: plug the mini-USB cable into CN1, the on-board ST-LINK/V2. Keep both CN3 jumpers on so it drives the STM32F407's SWD pins (PA13, PA14); BOOT0 stays low.",
      usb: [{ vid: "0483", pid: "3748" }],
      method: {
        protocol: "stlink",
        family: "stm32f4",
        flashAddress: 0x0800_0000,
        expectedDevId: 0x413,
        flashSizeKiB: 1024,
      },
    },
  ],
  usb: [
    { vid: "0483", pid: "3748", role: "debugger", description: "ST-LINK/V2 (SWD, mini-USB CN1)" },
    { vid: "0483", pid: "df11", role: "bootloader", description: "STM32 ROM bootloader (DfuSe) on the OTG FS port" },
  ],
  pins: {
    led: "PD12",
    led2: "PD13",
    led3: "PD14",
    led4: "PD15",
    button: "PA0",
    "uart.tx": "PA2",
    "uart.rx": "PA3",
    "i2c.sda": "PB9",
    "i2c.scl": "PB6",
    "spi.sck": "PA5",
    "spi.miso": "PA6",
    "spi.mosi": "PA7",
    adc0: "PA1", // ADC123_IN1; PA0 (IN0) carries the user button
  },
  hasNetwork: false,
  datasheet: "https://www.st.com/resource/en/datasheet/stm32f407vg.pdf",
});
