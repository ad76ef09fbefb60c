import { describe, expect, it } from "vitest";
import {
  F103C8_BOOTLOADER,
  virtualF103c8,
  virtualF401re,
  virtualF407vg,
  wireSeconds,
} from "../../../e2e/fixtures/virtual-stm32-uart";
import { firstDifference, randomImage, stateSequence } from "../stk500/flash-test-kit.testing";
import type { FlashEvent, SerialPortLike } from "../types";
import {
  bluePillOverUart,
  discoveryF407OverUart,
  everyByteIsOld,
  nucleoF401OverUart,
  runFlash,
} from "./test-kit.testing";

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

  it("asks nothing of the user when the board already waits in its bootloader", async () => {
    const image = randomImage(1500, 8);
    const port = virtualF103c8({ ...fast, initialMode: "bootloader" });
    const { events, error } = await runFlash(port, bluePillOverUart({ autoEntry: false }), [
      { offset: BASE, data: image },
    ]);
    expect(error).toBeNull();
    expect(events.some((e) => e.state === "connecting" && e.instruction)).toBe(false);
    expect(port.memory.view(BASE, image.length)).toEqual(image);
  });

  it("re-syncs with a bootloader a previous session left synced (0x7F answered NACK)", async () => {
    const port = virtualF103c8({ ...fast, initialMode: "bootloader" });
    const wrong = await runFlash(port, bluePillOverUart({ autoEntry: false, expectedChipId: 0x414 }), [
      { offset: BASE, data: randomImage(1024) },
    ]);
    expect(wrong.error?.code).toBe("wrong-chip");
    const image = randomImage(2048, 9);
    const { error } = await runFlash(port, bluePillOverUart({ autoEntry: false }), [{ offset: BASE, data: image }]);
    expect(error).toBeNull();
    expect(port.log.filter((l) => l === "SYNC")).toHaveLength(1);
    expect(port.log).toContain("  NACK: 0x7f 0x7f is not a command and its complement");
    expect(port.memory.view(BASE, image.length)).toEqual(image);
  });

  it("mass-erases only when asked", async () => {
    const image = randomImage(1024, 5);
    const port = virtualF103c8({ ...fast, autoEntryWiring: true });
    const { error, events } = await runFlash(port, bluePillOverUart({ massErase: true }), [
      { offset: BASE, data: image },
    ]);
    expect(error).toBeNull();
    expect(port.log).toContain("  mass erase");
    expect(port.memory.erased).toHaveLength(64);
    expect(port.memory.view(BASE + 1024, 63 * 1024).every((b) => b === 0xff)).toBe(true);
    expect(events.filter((e) => e.state === "erasing").at(-1)).toEqual({ state: "erasing", erased: 1, total: 1 });

    const again = virtualF103c8({ ...fast, autoEntryWiring: true });
    expect(
      (await runFlash(again, bluePillOverUart(), [{ offset: BASE, data: image }], { eraseAll: true })).error,
    ).toBeNull();
    expect(again.memory.erased).toHaveLength(64);
  });

  it("opens the port at 8E1: the same bootloader behind an 8N1 port never gets past GET", async () => {
    const port = virtualF103c8({ ...fast, autoEntryWiring: true });
    const noParity: SerialPortLike = {
      get readable() {
        return port.readable;
      },
      get writable() {
        return port.writable;
      },
      open: (options) => port.open({ ...options, parity: "none" }),
      close: () => port.close(),
      setSignals: (signals) => port.setSignals(signals),
      getInfo: () => port.getInfo(),
    };
    const { error, events } = await runFlash(noParity, bluePillOverUart(), [{ offset: BASE, data: randomImage(512) }]);
    expect(port.log[0]).toBe("open 115200 8N1");
    expect(error?.code).toBe("sync-failed");
    expect(error?.message).toMatch(/Something answered 0x7F but then failed: The bootloader refused GET \(0x00\)/);
    expect(events.some((e) => e.state === "done")).toBe(false);
    expect(port.memory.erased).toEqual([]);
  });

  it("never reports writing faster than 8E1 allows at 115200 baud (10,472 bytes/s) when the wire is paced", async () => {
    const image = randomImage(2048, 15);
    const port = virtualF103c8({ ...fast, autoEntryWiring: true, throttle: true });
    const { events, error } = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: image }]);
    expect(error).toBeNull();
    const last = events.filter((e) => e.state === "writing").at(-1);
    expect(last?.state === "writing" && last.bytesPerSecond).toBeGreaterThan(0);
    expect(last?.state === "writing" && last.bytesPerSecond).toBeLessThan(115200 / 11);
    expect(port.memory.view(BASE, image.length)).toEqual(image);
  });

  it("counts the bytes on the wire: 268 out and 3 back per 256-byte block written, 9 out and 259 back per block read", async () => {
    const port = virtualF103c8({ ...fast, autoEntryWiring: true });
    const blocks = 8;
    const { error } = await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: randomImage(blocks * 256, 6) }]);
    expect(error).toBeNull();
    // sync 1/1, GET 2/14, GET ID 2/5, probe READ 9/7, one ERASE of 2 pages 2+4/2, GO 7/2.
    const setup = {
      out: 1 + 2 + 2 + 9 + 6 + 7,
      back: 1 + (1 + 1 + F103C8_BOOTLOADER.commands.length + 2) + 5 + 7 + 2 + 2,
    };
    expect(port.wire.toDevice).toBe(setup.out + blocks * (265 + 9));
    expect(port.wire.toHost).toBe(setup.back + blocks * (3 + 259));
    expect(wireSeconds(port.wire.toDevice + port.wire.toHost, 115200)).toBeCloseTo(
      ((setup.out + setup.back + blocks * 536) * 11) / 115200,
      9,
    );
  });
});

describe("stm32-uart flasher on a virtual Nucleo-F401RE (bootloader v3.1, sectors)", () => {
  it("erases the sectors a 40 KiB image touches with EXTENDED ERASE and keeps the others", async () => {
    const image = randomImage(40 * 1024, 12);
    const port = virtualF401re({ ...fast, autoEntryWiring: true });
    const { error, events } = await runFlash(port, nucleoF401OverUart(), [{ offset: BASE, data: image }]);
    expect(error).toBeNull();
    expect(firstDifference(port.memory.view(BASE, image.length), image)).toBe(-1);
    expect(port.memory.erased).toEqual([0, 1, 2]);
    expect(port.log.filter((l) => l.startsWith("EXTENDED_ERASE "))).toEqual([
      "EXTENDED_ERASE 0",
      "EXTENDED_ERASE 1",
      "EXTENDED_ERASE 2",
    ]);
    expect(port.memory.view(BASE + image.length, 48 * 1024 - image.length).every((b) => b === 0xff)).toBe(true);
    expect(everyByteIsOld(port.memory.view(BASE + 48 * 1024, 464 * 1024), BASE + 48 * 1024)).toBe(true);
    expect(events).toContainEqual({
      state: "detected",
      chip: "STM32F401xD/E (0x433)",
      detail: "ROM bootloader v3.1, 115200 baud 8E1, EXTENDED ERASE",
    });
  });

  it("waits out a 128 KiB sector's real erase time (about 1 s, longer than a command timeout)", async () => {
    const data = randomImage(700, 13);
    const port = virtualF401re({ autoEntryWiring: true });
    const { error } = await runFlash(port, nucleoF401OverUart(), [{ offset: BASE + 0x20000, data }]);
    expect(error).toBeNull();
    expect(port.memory.erased).toEqual([5]);
    expect(port.memory.view(BASE + 0x20000, data.length)).toEqual(data);
    expect(everyByteIsOld(port.memory.view(BASE, 0x20000), BASE)).toBe(true);
  });

  it("takes offsets relative to the flash start as the aliased address", async () => {
    const image = randomImage(600, 14);
    const port = virtualF401re({ ...fast, autoEntryWiring: true });
    const { error } = await runFlash(port, nucleoF401OverUart(), [{ offset: 0, data: image }]);
    expect(error).toBeNull();
    expect(port.memory.view(BASE, image.length)).toEqual(image);
  });
});

describe("stm32-uart flasher on a virtual STM32F4-Discovery (F407VG, 1 MiB)", () => {
  it("finds the last 128 KiB sector (11) for data at the top of flash", async () => {
    const data = randomImage(1024, 16);
    const port = virtualF407vg({ timeScale: 0.01, autoEntryWiring: true });
    const { error, events } = await runFlash(port, discoveryF407OverUart(), [{ offset: BASE + 0xfe000, data }]);
    expect(error).toBeNull();
    expect(port.memory.erased).toEqual([11]);
    expect(port.memory.view(BASE + 0xfe000, data.length)).toEqual(data);
    expect(events).toContainEqual(expect.objectContaining({ chip: "STM32F405/F407/F415/F417 (0x413)" }));
  });
});
