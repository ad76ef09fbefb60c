import { describe, expect, it } from "vitest";

import { F1_TIMING, StlinkMode, VirtualStlinkDevice } from "../../../e2e/fixtures/virtual-stlink";
import {
  FLASH_START,
  firstDifference,
  flashVirtual,
  KiB,
  NUCLEO_F401RE,
  randomImage,
  stateSequence,
} from "./test-support";

describe("stlinkFlasher through flash()", () => {
  it("writes a Blue Pill (STM32F103C8) through an ST-LINK/V2, erasing only the touched pages", async () => {
    const image = randomImage(40 * KiB + 6);
    const device = new VirtualStlinkDevice({ probe: "v2", chip: "stm32f103c8" });
    device.memory.fill(0x00, 0, 48 * KiB); // old firmware where the image goes
    device.memory.fill(0xa5, 48 * KiB); // data the image does not touch
    const { error, events } = await flashVirtual([{ offset: FLASH_START, data: image }], { device });

    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    // The last page holds the image's tail, then erased flash; pages 41–47 are erased, 48–63 untouched.
    expect(device.memory.subarray(image.length, 41 * KiB).every((byte) => byte === 0xff)).toBe(true);
    expect(device.memory.subarray(41 * KiB, 48 * KiB).every((byte) => byte === 0x00)).toBe(true);
    expect(device.memory.subarray(48 * KiB).every((byte) => byte === 0xa5)).toBe(true);
    expect(device.target.flash.erased).toEqual(Array.from({ length: 41 }, (_, page) => page));

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
    const detected = events.find((event) => event.state === "detected");
    expect(detected).toMatchObject({ chip: expect.stringMatching(/STM32F1 DEV_ID 0x410 .*ST-LINK\/V2 V2J37S7/) });
    expect(detected).toMatchObject({ detail: "64 KiB flash, 3.25 V, programming half-words" });
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: 40 * KiB + 6 });

    // Reset and running the new firmware, flash locked again, probe back out of debug mode.
    expect(device.target.running).toBe(true);
    expect(device.target.resets).toBe(1);
    expect(device.target.controller.locked).toBe(true);
    expect(device.engine.mode).toBe(StlinkMode.MASS);
    expect(device.engine.unsupportedCommands).toBe(0);
    expect(device.opened).toBe(false);
  });

  it("writes a Nucleo-F401RE through its ST-LINK/V2-1 (EP1 OUT), erasing sectors 0–4 only", async () => {
    const image = randomImage(100 * KiB, 0x9e3779b9);
    const device = new VirtualStlinkDevice({ probe: "v2-1", chip: "stm32f401re" });
    device.memory.fill(0x3c);
    const { error } = await flashVirtual([{ offset: FLASH_START, data: image }], { device, board: NUCLEO_F401RE });

    expect(error).toBeUndefined();
    expect(device.outEndpoint).toBe(1);
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    expect(device.memory.subarray(image.length, 128 * KiB).every((byte) => byte === 0xff)).toBe(true);
    expect(device.memory.subarray(128 * KiB).every((byte) => byte === 0x3c)).toBe(true);
    expect(device.target.flash.erased).toEqual([0, 1, 2, 3, 4]);
    expect(device.target.running).toBe(true);
  });

  it("waits out real sector-erase times on the F4 (128 KiB sectors take the longest)", async () => {
    const image = randomImage(200 * KiB, 7);
    // 1/500 of the datasheet times: a 128 KiB sector erase keeps BSY for ~2 ms of real time.
    const device = new VirtualStlinkDevice({ probe: "v2-1", chip: "stm32f401re", realTimeScale: 0.002 });
    const { error } = await flashVirtual([{ offset: FLASH_START, data: image }], { device, board: NUCLEO_F401RE });
    expect(error).toBeUndefined();
    expect(device.target.flash.erased).toEqual([0, 1, 2, 3, 4, 5]);
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    // Modelled time covers at least the six erases at x32 (4 × 250 + 550 + 1000 ms).
    expect(device.clock.flashBusyUs / 1000).toBeGreaterThanOrEqual(2550);
  });

  it("programs the F4 in x16 half-words at 2.5 V", async () => {
    const image = randomImage(5 * KiB);
    const { error, device, events } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      board: NUCLEO_F401RE,
      chip: "stm32f401re",
      targetVolts: 2.5,
    });
    expect(error).toBeUndefined();
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      detail: expect.stringContaining("x16 half-words at 2.50 V"),
    });
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("pads odd-sized parts with 0xFF and keeps the gap between parts erased", async () => {
    const first = randomImage(1001, 1);
    const second = Uint8Array.of(1, 2, 3);
    const { error, device } = await flashVirtual([
      { offset: FLASH_START + 0x8000, data: second },
      { offset: FLASH_START, data: first },
    ]);
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, 1001), first)).toBe(-1);
    expect(device.memory[1001]).toBe(0xff);
    expect([...device.memory.subarray(0x8000, 0x8004)]).toEqual([1, 2, 3, 0xff]);
    expect(device.target.flash.erased).toEqual([0, 32]);
  });

  it("leaves the ST-LINK's DFU mode first when a previous tool left it there", async () => {
    const image = randomImage(2 * KiB);
    const { error, device } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      initialMode: StlinkMode.DFU,
    });
    expect(error).toBeUndefined();
    expect(device.log).toContain("DFU_EXIT");
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("models F1 programming time: 64 KiB costs at least 32768 half-words and 64 page erases", async () => {
    const image = randomImage(64 * KiB, 3);
    const { error, device } = await flashVirtual([{ offset: FLASH_START, data: image }]);
    expect(error).toBeUndefined();
    const floorMs = (32 * KiB * F1_TIMING.halfWordUs + 64 * F1_TIMING.pageEraseUs) / 1000;
    expect(device.clock.flashBusyUs / 1000).toBeCloseTo(floorMs, 0);
    expect(device.modelledMs).toBeGreaterThan(floorMs);
  });
});

describe("stlinkFlasher with probes that cannot measure the supply", () => {
  it("flashes a Blue Pill through a clone that reports 0 V once SWD answers", async () => {
    const image = randomImage(3 * KiB);
    const { error, events, device } = await flashVirtual([{ offset: FLASH_START, data: image }], { measuredVolts: 0 });
    expect(error).toBeUndefined();
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      detail: "64 KiB flash, supply not measured, programming half-words",
    });
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("falls back to safe x8 programming (64-byte writes) on an F4 of unknown supply", async () => {
    const image = randomImage(3 * KiB + 1);
    const { error, events, device } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      board: NUCLEO_F401RE,
      chip: "stm32f401re",
      measuredVolts: 0,
    });
    expect(error).toBeUndefined();
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      detail: "512 KiB flash, supply not measured, programming x8 bytes at unknown supply",
    });
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });
});
