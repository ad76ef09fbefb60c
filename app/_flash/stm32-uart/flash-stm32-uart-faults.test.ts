import { describe, expect, it } from "vitest";
import esp32 from "../../../boards/esp32-devkitc";
import { virtualF103c8, virtualF401re, type VirtualStm32Options } from "../../../e2e/fixtures/virtual-stm32-uart";
import { randomImage } from "../stk500/flash-test-kit.testing";
import type { FlashEvent } from "../types";
import { stm32UartFlasher } from "./flash-stm32-uart";
import { bluePillOverUart, everyByteIsOld, nucleoF401OverUart, runFlash } from "./test-kit.testing";

const BASE = 0x0800_0000;
const KIB16 = randomImage(16 * 1024, 21);
const bluePill = (extra: Partial<VirtualStm32Options> = {}) =>
  virtualF103c8({ timeScale: 0.01, autoEntryWiring: true, ...extra });

/** Every failure ends in exactly one error event, never `done`, with the port closed. */
function expectFailure(result: Awaited<ReturnType<typeof runFlash>>, port: { opened: boolean }, code: string) {
  expect(result.error?.code).toBe(code);
  expect(result.events.some((e) => e.state === "done")).toBe(false);
  expect(result.events.filter((e) => e.state === "error")).toEqual([
    { state: "error", code, message: result.error?.message },
  ]);
  expect(port.opened).toBe(false);
}

describe("stm32-uart flasher faults", () => {
  it("reports a disconnect at 40 % of the write with the figures", async () => {
    const port = bluePill({ faults: { disconnectAtPercent: 40, imageBytes: KIB16.length } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "disconnected");
    expect(result.error?.message).toMatch(/^The board disconnected at 40 % of the write \(6,656 of 16,384 bytes\)/);
    expect(result.events.some((e) => e.state === "verifying")).toBe(false);
    expect(port.disconnected).toBe(true);
  });

  it("reports a port whose readable just ends mid-write as a disconnect", async () => {
    const port = bluePill({
      faults: { disconnectAtPercent: 50, imageBytes: KIB16.length, disconnectStyle: "readable-ends" },
    });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "disconnected");
    expect(result.error?.message).toMatch(/^The board disconnected at 50 % of the write \(8,192 of 16,384 bytes\)/);
  });

  it("times out when the target loses power mid-write, saying where", async () => {
    const port = bluePill({ faults: { powerLossAtPercent: 25, imageBytes: KIB16.length } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "timeout");
    expect(result.error?.message).toMatch(
      /^The bootloader stopped answering during WRITE MEMORY \(0x31\)\. It stopped at 25 % of the write \(4,096 of 16,384 bytes\)/,
    );
    expect(port.mode).toBe("off");
  });

  it("fails verification of a cell that reads back wrong, with its address", async () => {
    const port = bluePill({ faults: { corruptAddress: BASE + 0x1234 } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "verify-failed");
    const wrote = KIB16[0x1234].toString(16).padStart(2, "0");
    const read = (KIB16[0x1234] ^ 0x04).toString(16).padStart(2, "0");
    expect(result.error?.message).toMatch(
      new RegExp(`^Verification failed at 0x08001234: wrote 0x${wrote}, read back 0x${read}\\.`),
    );
    expect(port.log.some((l) => l.startsWith("GO"))).toBe(false);
  });

  it("refuses a board that answers as another chip before erasing or writing anything", async () => {
    const port = bluePill({ faults: { wrongChipId: 0x433 } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "wrong-chip");
    expect(result.error?.message).toBe(
      "The board answers as STM32F401xD/E (0x433), but the node is built for the Blue Pill (STM32F103C8), " +
        "an STM32F103C8: STM32F10x medium-density (0x410). Pick the right port, or change the node's board.",
    );
    expect(port.memory.erased).toEqual([]);
    expect(port.log.some((l) => /^(ERASE|WRITE|READ)/.test(l))).toBe(false);
    expect(everyByteIsOld(port.memory.view(BASE, 64 * 1024), BASE)).toBe(true);
  });

  it("names the refused command: NACK on WRITE MEMORY ends with write-failed", async () => {
    const port = bluePill({ faults: { nackCommand: 0x31 } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "write-failed");
    expect(result.error?.message).toMatch(
      /^The bootloader refused WRITE MEMORY \(0x31\) at 0x08000000 \(NACK at the command\), at 0 % of the write/,
    );
  });

  it("NACK on GET ID ends with device-error", async () => {
    const port = bluePill({ faults: { nackCommand: 0x02 } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "device-error");
    expect(result.error?.message).toMatch(/refused GET ID \(0x02\)/);
  });

  it("NACK on GO: written and verified, but the user must start it by hand", async () => {
    const port = bluePill({ faults: { nackCommand: 0x21 } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "device-error");
    expect(result.error?.message).toMatch(/refused GO \(0x21\).*written and verified: set BOOT0 to 0 and press RESET/);
    expect(port.memory.view(BASE, KIB16.length)).toEqual(KIB16);
  });

  it("stops at a write-protected page, naming it, before writing anything", async () => {
    const port = bluePill({ faults: { writeProtectedUnits: [3] } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "write-protected");
    expect(result.error?.message).toMatch(/^The chip refused to erase pages 0 at 0x08000000, .*3 at 0x08000c00/);
    expect(result.error?.message).toMatch(/option bytes \(WRP\)/);
    expect(port.log.some((l) => l.startsWith("WRITE"))).toBe(false);
  });

  it("stops at a write-protected sector on the F401", async () => {
    const port = virtualF401re({ timeScale: 0.01, autoEntryWiring: true, faults: { writeProtectedUnits: [1] } });
    const result = await runFlash(port, nucleoF401OverUart(), [{ offset: BASE, data: randomImage(20 * 1024) }]);
    expectFailure(result, port, "write-protected");
    expect(result.error?.message).toMatch(/^The chip refused to erase sector 1 at 0x08004000/);
    expect(port.memory.erased).toEqual([0]);
  });

  it("detects readout protection and changes nothing without the user's consent", async () => {
    const port = bluePill({ faults: { readProtected: true } });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "read-protected");
    expect(result.error?.message).toMatch(/read-protected \(RDP level 1\).*erases the whole flash.*confirm/);
    expect(result.events).toContainEqual(expect.objectContaining({ state: "detected" }));
    expect(port.log).toContain("  NACK: READ under read protection");
    expect(port.log).not.toContain("READOUT_UNPROTECT");
    expect(everyByteIsOld(port.memory.view(BASE, 64 * 1024), BASE)).toBe(true);
  });

  it("removes readout protection when confirmed (mass erase, chip reset, re-sync), then flashes", async () => {
    const port = bluePill({ faults: { readProtected: true } });
    const { error } = await runFlash(port, bluePillOverUart({ removeReadProtection: true }), [
      { offset: BASE, data: KIB16 },
    ]);
    expect(error).toBeNull();
    expect(port.log).toContain("READOUT_UNPROTECT");
    expect(port.log).toContain("READOUT_UNPROTECT reset → bootloader");
    expect(port.log.filter((l) => l === "SYNC")).toHaveLength(2);
    expect(port.readProtected).toBe(false);
    expect(port.memory.view(BASE, KIB16.length)).toEqual(KIB16);
    expect(port.memory.view(BASE + KIB16.length, 48 * 1024).every((b) => b === 0xff)).toBe(true);
  });

  it("asks for BOOT0 and reset when nothing answers, then gives up at the deadline with advice", async () => {
    const port = bluePill({ initialMode: "off" });
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }]);
    expectFailure(result, port, "sync-failed");
    const instruction = result.events.find(
      (e): e is Extract<FlashEvent, { state: "connecting" }> => e.state === "connecting" && !!e.instruction,
    );
    expect(instruction?.instruction).toMatch(/^Pulsing RTS \(BOOT0\) and DTR \(NRST\) got no answer.*set BOOT0 to 1/);
    expect(result.error?.message).toMatch(
      /^No answer from the Blue Pill \(STM32F103C8\)'s ROM bootloader at 115200 baud \(8E1\) within 0.4 s\./,
    );
    expect(result.error?.message).toMatch(/powered.*BOOT0 was 1.*TX goes to the board's RX/);
    expect(result.events.some((e) => e.state === "detecting")).toBe(false);
  });

  it("stays in the application when reset with BOOT0 low, and says so", async () => {
    const port = bluePill({ autoEntryWiring: false });
    const onEvent = (e: FlashEvent) => {
      if (e.state === "connecting" && e.instruction) port.pressReset(false); // the user forgot the jumper
    };
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }], { onEvent });
    expectFailure(result, port, "sync-failed");
    expect(port.log).toContain("reset → application");
  });

  it("falls back to asking the user when the adapter refuses RTS/DTR", async () => {
    const port = bluePill();
    port.setSignals = async () => {
      throw new DOMException("Failed to set control signals.", "NetworkError");
    };
    const onEvent = (e: FlashEvent) => {
      if (e.state === "connecting" && e.instruction) port.pressReset(true);
    };
    const { error, events } = await runFlash(
      port,
      bluePillOverUart({ bootloaderWaitMs: 5000 }),
      [{ offset: BASE, data: KIB16 }],
      { onEvent },
    );
    expect(error).toBeNull();
    expect(events).toContainEqual(
      expect.objectContaining({
        instruction: expect.stringMatching(/^This USB-serial adapter does not let the browser drive RTS and DTR\. Put/),
      }),
    );
    expect(port.memory.view(BASE, KIB16.length)).toEqual(KIB16);
  });

  it("cancels while waiting for the user to set BOOT0, and closes the port", async () => {
    const port = bluePill({ autoEntryWiring: false });
    const controller = new AbortController();
    const onEvent = (e: FlashEvent) => {
      if (e.state === "connecting" && e.instruction) setTimeout(() => controller.abort(), 50);
    };
    const result = await runFlash(
      port,
      bluePillOverUart({ bootloaderWaitMs: 60_000 }),
      [{ offset: BASE, data: KIB16 }],
      {
        signal: controller.signal,
        onEvent,
      },
    );
    expectFailure(result, port, "cancelled");
  });

  it("cancels during the write and closes the port", async () => {
    const port = bluePill();
    const controller = new AbortController();
    const onEvent = (e: FlashEvent) => {
      if (e.state === "writing" && e.written >= 4096) controller.abort();
    };
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: KIB16 }], {
      signal: controller.signal,
      onEvent,
    });
    expectFailure(result, port, "cancelled");
    expect(port.bytesProgrammed).toBeLessThan(KIB16.length);
  });

  it("refuses an image beyond the board's flash before opening the port", async () => {
    const port = bluePill();
    const result = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: randomImage(64 * 1024 + 1) }]);
    expect(result.error?.code).toBe("image-too-large");
    expect(result.error?.message).toMatch(/65,537 bytes at 0x08000000.*65,536 bytes of flash.*\(1 bytes too many\)/);
    expect(port.log).toEqual([]);
  });

  it("rejects an unknown chip id and other protocols as unsupported boards", async () => {
    const unknown = await runFlash(bluePill(), bluePillOverUart({ expectedChipId: 0x999 }), [
      { offset: BASE, data: KIB16 },
    ]);
    expect(unknown.error?.code).toBe("unsupported-board");
    expect(unknown.error?.message).toMatch(/no flash geometry is known for chip id 0x999/);
    const esp = stm32UartFlasher.flash({ port: bluePill(), board: esp32, parts: [{ offset: BASE, data: KIB16 }] });
    await expect(esp).rejects.toMatchObject({ code: "unsupported-board" });
  });
});
