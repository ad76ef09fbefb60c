import { describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import { emulatorFor } from "./index";
import { QemuEmulator } from "./qemu";
import { cortexMFault, guestClockMs } from "./qmp";
import { fitInitialStack } from "./stack";

const board = (id: string) => getBoard(id)!;
const REGISTERS = (xpsr: string) =>
  `R00=00000000 R01=00000000 R02=00000000 R03=00000000\nR12=00000000 R13=2000ffd8 R14=fffffff9 R15=0000006a\nXPSR=${xpsr} -Z-- T priv-handler\n`;

describe("QEMU monitor answers", () => {
  it("reads the guest clock from info jit's drift line", () => {
    expect(
      guestClockMs("Translation buffer state:\nHost - Guest clock  -11002 ms\nMax guest delay     NA\n", 500),
    ).toBe(11_502);
    expect(guestClockMs("Translation buffer state:\n", 500)).toBeNull();
  });

  it("names a fault handler from IPSR and leaves thread mode and other exceptions alone", () => {
    expect(cortexMFault(REGISTERS("61000003"))).toBe("HardFault (IPSR 3) at PC 0x0000006a");
    expect(cortexMFault(REGISTERS("61000006"))).toBe("UsageFault (IPSR 6) at PC 0x0000006a");
    expect(cortexMFault(REGISTERS("41000000"))).toBeNull();
    expect(cortexMFault(REGISTERS("4100000f"))).toBeNull(); // SysTick
  });
});

describe("emulatorFor", () => {
  it("runs a board on its own machine without a note", () => {
    const choice = emulatorFor(board("lm3s6965evb"));
    expect(choice.ok && choice.emulator.name).toBe("qemu-system-arm -M lm3s6965evb");
    expect(choice.ok && choice.prepare(new Uint8Array(8)).approximateMachine).toBeUndefined();
  });

  it("puts the console on the machine's UART with the board's console address", () => {
    const nucleo = emulatorFor(board("nucleo-f401re"));
    if (!nucleo.ok || !(nucleo.emulator instanceof QemuEmulator)) throw new Error("expected QEMU");
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46]);
    const args = nucleo.emulator.args({ mode: "check", image: elf } as never, "firmware.elf");
    // USART2 is the F405 model's second serial port.
    expect(args.join(" ")).toContain("-serial null -serial chardev:c0");
    expect(args.join(" ")).toContain("-icount shift=0,sleep=off");
    expect(args.join(" ")).toContain(
      "-sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
    );
  });

  it("says where an approximate board ran, and moves a stack the model's SRAM cannot hold", () => {
    const bluePill = emulatorFor(board("bluepill-f103c8"));
    if (!bluePill.ok) throw new Error(bluePill.reason);
    const raw = new Uint8Array(8);
    new DataView(raw.buffer).setUint32(0, 0x2000_5000, true);
    const prepared = bluePill.prepare(raw);
    expect(prepared.approximateMachine).toMatch(
      /^ran on stm32vldiscovery \(STM32F100 \(Cortex-M3\)\); QEMU 7\.2 has no STM32F103 model/,
    );
    expect(prepared.approximateMachine).toContain("initial stack moved from 0x20005000 to 0x20002000");
    expect(new DataView(prepared.image.buffer).getUint32(0, true)).toBe(0x2000_2000);
    expect(new DataView(raw.buffer).getUint32(0, true)).toBe(0x2000_5000);
  });

  it("leaves a stack that fits alone", () => {
    const raw = new Uint8Array(8);
    new DataView(raw.buffer).setUint32(0, 0x2000_1000, true);
    expect(fitInitialStack(raw, 0x0800_0000, 0x2000_2000)).toEqual({ image: raw });
  });

  it("runs the Pico on rp2040js, sends ESP boards to Wokwi and refuses boards with no emulator, with the reason", () => {
    const pico = emulatorFor(board("rpi-pico"));
    expect(pico.ok && pico.emulator.name).toBe("rp2040js");
    const token = process.env.WOKWI_CLI_TOKEN;
    delete process.env.WOKWI_CLI_TOKEN;
    try {
      expect(emulatorFor(board("esp32-devkitc"))).toEqual({
        ok: false,
        reason: "ESP32 simulation needs WOKWI_CLI_TOKEN",
      });
    } finally {
      if (token !== undefined) process.env.WOKWI_CLI_TOKEN = token;
    }
    expect(emulatorFor(board("nucleo-l476rg"))).toMatchObject({ ok: false, reason: expect.stringContaining("QEMU") });
  });
});
