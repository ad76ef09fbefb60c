import { describe, expect, it } from "vitest";
import { virtualF103c8 } from "../../../e2e/fixtures/virtual-stm32-uart";
import { firstDifference, randomImage, stateSequence } from "../stk500/flash-test-kit.testing";
import type { FlashEvent } from "../types";
import { bluePillOverUart, everyByteIsOld, runFlash } from "./test-kit.testing";

const BASE = 0x0800_0000;
const fast = { timeScale: 0.01 };

describe("stm32-uart flasher on a virtual Blue Pill (F103C8, bootloader v2.2)", () => {
  it("writes a 20 KiB image byte for byte through RTS/DTR auto entry, erasing only its pages", async () => {
    const image = randomImage(20 * 1024, 11);
    const port = virtualF103c8({ ...fast, autoEntryWiring: true });
    const { events, error } = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: image }]);
    expect(error).toBeNull();
    expect(firstDifference(port.memory.view(BASE, image.length), image)).toBe(-1);
    expect(port.memory.erased).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(everyByteIsOld(port.memory.view(BASE + image.length, 44 * 1024), BASE + image.length)).toBe(true);

    expect(stateSequence(events)).toEqual([
      "connecting",
      "detecting",
      "detected",
      "erasing",
      "writing",
      "verifying",
      "resetting",
      "done",
    ]);
    expect(events).toContainEqual({
      state: "detected",
      chip: "STM32F10x medium-density (0x410)",
      detail: "ROM bootloader v2.2, 115200 baud 8E1, ERASE",
    });
    expect(events.some((e) => e.state === "connecting" && e.instruction)).toBe(false);
    const writes = events.filter((e) => e.state === "writing");
    expect(writes.at(-1)).toMatchObject({ written: 20480, total: 20480 });
    expect(writes.slice(1).every((e) => e.state === "writing" && (e.bytesPerSecond ?? 0) > 0)).toBe(true);
    expect(events.filter((e) => e.state === "erasing").at(-1)).toEqual({ state: "erasing", erased: 20, total: 20 });
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: 20480 });

    // 8E1, BOOT0 high while NRST pulses, the legacy ERASE, GO to the vector table, BOOT0 low again.
    expect(port.log[0]).toBe("open 115200 8E1");
    expect(port.log.slice(1, 4)).toEqual(["signals dtr=1 rts=1", "signals dtr=0 rts=1", "reset → bootloader"]);
    expect(port.log).toContain("ERASE 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
    expect(port.log.some((l) => l.startsWith("EXTENDED_ERASE"))).toBe(false);
    expect(port.log).toContain("GO 0x08000000 → application");
    expect(port.log.slice(-2)).toEqual(["signals dtr=0 rts=0", "close"]);
    expect(port.mode).toBe("application");
    expect(port.opened).toBe(false);
  });

  it("erases exactly the pages two parts touch; the rest of those pages reads 0xFF, other pages keep their data", async () => {
    const first = randomImage(5000, 2);
    const second = randomImage(100, 3);
    const port = virtualF103c8({ ...fast, autoEntryWiring: true });
    const { error } = await runFlash(port, bluePillOverUart(), [
      { offset: BASE, data: first },
      { offset: BASE + 0x4010, data: second },
    ]);
    expect(error).toBeNull();
    expect(port.memory.erased).toEqual([0, 1, 2, 3, 4, 16]);
    expect(port.memory.view(BASE, 5000)).toEqual(first);
    expect(port.memory.view(BASE + 5000, 5120 - 5000).every((b) => b === 0xff)).toBe(true);
    expect(everyByteIsOld(port.memory.view(BASE + 5120, 0x4000 - 5120), BASE + 5120)).toBe(true);
    expect(port.memory.view(BASE + 0x4000, 0x10).every((b) => b === 0xff)).toBe(true);
    expect(port.memory.view(BASE + 0x4010, 100)).toEqual(second);
    expect(everyByteIsOld(port.memory.view(BASE + 0x4400, 0x10000 - 0x4400), BASE + 0x4400)).toBe(true);
  });

  it("tells the user to set BOOT0 and press reset when the adapter has no auto-entry wiring, then flashes", async () => {
    const image = randomImage(3000, 4);
    const port = virtualF103c8(fast); // the old program runs; RTS/DTR reach nothing
    const onEvent = (event: FlashEvent) => {
      if (event.state === "connecting" && event.instruction) setTimeout(() => port.pressReset(true), 120);
    };
    const { events, error } = await runFlash(
      port,
      bluePillOverUart({ autoEntry: false, bootloaderWaitMs: 5000 }),
      [{ offset: BASE, data: image }],
      { onEvent },
    );
    expect(error).toBeNull();
    const instructions = events.flatMap((e) => (e.state === "connecting" && e.instruction ? [e.instruction] : []));
    expect(instructions).toHaveLength(1);
    expect(instructions[0]).toMatch(/^Put the Blue Pill \(STM32F103C8\) into its ROM bootloader now: set BOOT0 to 1/);
    expect(instructions[0]).toMatch(/press and release RESET.*waiting 5 s/);
    expect(port.memory.view(BASE, image.length)).toEqual(image);
    expect(port.log.some((l) => l.startsWith("signals"))).toBe(false); // manual entry leaves RTS/DTR alone
    expect(port.log).toContain("reset → bootloader");
  });
});
