import { defineBoard } from "./schema";

// TI (Luminary Micro) Stellaris LM3S6965 Evaluation Board.
// The chip also has a 10/100 Ethernet MAC+PHY; hasNetwork stays false because
// the swarm's networking is only wired up for the Wi-Fi (ESP) families.
export default defineBoard({
  id: "lm3s6965evb",
  name: "TI Stellaris LM3S6965 EVB",
  vendor: "Texas Instruments",
  mcu: "LM3S6965",
  family: "lm3s",
  architecture: "cortex-m3",
  clockHz: 50_000_000,
  crystalHz: 8_000_000,
  flashBytes: 256 * 1024,
  ramBytes: 64 * 1024,
  memoryMap: [
    { name: "flash", kind: "flash", origin: 0x0000_0000, length: 256 * 1024 },
    { name: "sram", kind: "ram", origin: 0x2000_0000, length: 64 * 1024 },
  ],
  toolchain: {
    capability: "arm-gcc",
    compiler: "arm-none-eabi-gcc",
    cflags: ["-mcpu=cortex-m3", "-mthumb"],
    ldflags: ["--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections"],
  },
  console: { kind: "uart", baud: 115200, peripheral: "UART0 (PL011) @ 0x4000C000", base: 0x4000_c000 },
  emulator: { capability: "qemu-arm", machine: "lm3s6965evb" },
  flashRoutes: [
    {
      label: "Not from the browser",
      wiring: "USB cable to the EVB's ICDI port; flash from the computer with TI LM Flash Programmer or OpenOCD.",
      usb: [],
      method: {
        protocol: "unsupported",
        reason:
          "The EVB's on-board Stellaris ICDI (FTDI FT2232, JTAG only) cannot be driven from the browser: flash the .bin with TI LM Flash Programmer or OpenOCD (board/ek-lm3s6965.cfg).",
      },
    },
  ],
  usb: [{ vid: "0403", pid: "bcd9", role: "debugger", description: "Stellaris ICDI (FT2232) JTAG + UART0 bridge" }],
  pins: {
    led: "PF0",
    button: "PF1",
    "uart.tx": "PA1",
    "uart.rx": "PA0",
    "i2c.sda": "PB3",
    "i2c.scl": "PB2",
    "spi.sck": "PA2",
    "spi.miso": "PA4",
    "spi.mosi": "PA5",
    adc0: "ADC0",
  },
  hasNetwork: false,
  datasheet: "https://www.ti.com/lit/ds/symlink/lm3s6965.pdf",
});
