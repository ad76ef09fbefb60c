import { describe, expect, it } from "vitest";

import blackpill from "../../../boards/blackpill-f411ce";
import netduino from "../../../boards/netduino-plus-2";
import { VirtualDfuseDevice } from "../../../e2e/fixtures/virtual-dfuse";
import { DfuClient } from "./dfu-protocol";
import { dfuseFlasher } from "./flash-dfuse";
import { firstDifference, FLASH_START, flashVirtual, randomImage, stateSequence, writingEvents } from "./test-support";

const KiB = 1024;
const SECTOR_7 = 0x0806_0000;

describe("dfuseFlasher on a virtual STM32F405 ROM bootloader", () => {
  it("writes a 300 KiB image byte for byte, erasing only the sectors it touches", async () => {
    const image = randomImage(300 * KiB);
    const device = new VirtualDfuseDevice();
    // Contents the flash must keep (sector 7, beyond the image) and lose (the rest of sector 6).
    const keep = randomImage(4 * KiB, 7);
    device.memory.set(keep, SECTOR_7 - FLASH_START);
    device.memory.fill(0x00, 0x0805_f000 - FLASH_START, 0x0805_f100 - FLASH_START);
    device.memory.fill(0x11, 0x080e_0000 - FLASH_START, 0x080e_0100 - FLASH_START);

    const { events, error } = await flashVirtual([{ offset: FLASH_START, data: image }], {}, device);

    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    expect(device.erasedSectors).toEqual([
      0x0800_0000, 0x0800_4000, 0x0800_8000, 0x0800_c000, 0x0801_0000, 0x0802_0000, 0x0804_0000,
    ]);
    expect(
      firstDifference(device.memory.subarray(SECTOR_7 - FLASH_START, SECTOR_7 - FLASH_START + keep.length), keep),
    ).toBe(-1);
    expect(device.memory[0x080e_0000 - FLASH_START]).toBe(0x11);
    expect(device.memory.subarray(image.length, SECTOR_7 - FLASH_START).every((byte) => byte === 0xff)).toBe(true);

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
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      chip: "DFU in FS Mode · Internal Flash",
      detail: expect.stringContaining("2048-byte transfers"),
    });
    expect(events.filter((event) => event.state === "erasing").at(-1)).toEqual({
      state: "erasing",
      erased: 7,
      total: 7,
    });
    const writes = writingEvents(events);
    expect(writes.every((event, i) => i === 0 || event.written >= writes[i - 1].written)).toBe(true);
    expect(writes.every((event) => event.total === image.length)).toBe(true);
    expect(writes.at(-1)?.written).toBe(image.length);
    expect(writes.at(-1)?.bytesPerSecond).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: image.length });
    // Manifestation: the ROM jumps to the new firmware and leaves the bus.
    expect(device.disconnected).toBe(true);
    expect(device.log.some((line) => line.startsWith("SET_ADDRESS 0x8000000"))).toBe(true);
  });

  it("treats a device that vanishes before answering the manifestation GETSTATUS as success", async () => {
    const image = randomImage(5 * KiB);
    const { device, events, error } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      manifestation: "disconnect",
    });
    expect(error).toBeUndefined();
    expect(events.at(-1)?.state).toBe("done");
    expect(device.disconnected).toBe(true);
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("uses wTransferSize from the functional descriptor (F411, 1024-byte blocks)", async () => {
    if (blackpill.flash.protocol !== "dfuse") throw new Error("not dfuse");
    const image = randomImage(70 * KiB, 3);
    const { device, events, error } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      board: blackpill,
      memoryLayout: blackpill.flash.memoryLayout,
      transferSize: 1024,
    });
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    expect(device.memory.length).toBe(512 * KiB);
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      detail: expect.stringContaining("1024-byte transfers"),
    });
  });

  it("writes several parts, erasing only their sectors and keeping the rest", async () => {
    const device = new VirtualDfuseDevice();
    device.memory.fill(0x42, 0, 16 * KiB);
    const a = randomImage(20 * KiB, 11);
    const b = randomImage(3000, 12);
    const { error } = await flashVirtual(
      [
        { offset: 0x0802_0000, data: b },
        { offset: 0x0800_8000, data: a },
      ],
      {},
      device,
    );
    expect(error).toBeUndefined();
    expect(device.erasedSectors).toEqual([0x0800_8000, 0x0800_c000, 0x0802_0000]);
    expect(firstDifference(device.memory.subarray(0x8000, 0x8000 + a.length), a)).toBe(-1);
    expect(firstDifference(device.memory.subarray(0x2_0000, 0x2_0000 + b.length), b)).toBe(-1);
    expect(device.memory.subarray(0, 16 * KiB).every((byte) => byte === 0x42)).toBe(true);
  });

  it("clears a dfuERROR left by an earlier session before erasing", async () => {
    const device = new VirtualDfuseDevice();
    await device.open();
    await device.selectConfiguration(1);
    await device.claimInterface(0);
    await new DfuClient(device, 0, 2048).clearStatus().catch(() => undefined); // stalls: dfuERROR/errSTALLEDPKT
    expect(device.engine.state).toBe(10);
    const image = randomImage(4 * KiB);
    const { error } = await flashVirtual([{ offset: FLASH_START, data: image }], {}, device);
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("honours bwPollTimeout: no GETSTATUS before the device's poll timeout", async () => {
    const image = randomImage(6 * KiB);
    const started = performance.now();
    const { device, error } = await flashVirtual([{ offset: FLASH_START, data: image }], { pollTimeoutMs: 50 });
    expect(error).toBeUndefined();
    expect(device.prematureStatusRequests).toBe(0);
    expect(device.engine.statusRequests).toBeGreaterThan(10);
    // 1 erase + 2 SET_ADDRESS + 3 blocks + SET_ADDRESS to leave, each busy for 50 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(7 * 50);
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("reports throughput close to a throttled full-speed link", async () => {
    const image = randomImage(32 * KiB);
    const { events, error } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      throttleBytesPerSecond: 256 * KiB,
    });
    expect(error).toBeUndefined();
    const rate = writingEvents(events).at(-1)?.bytesPerSecond ?? 0;
    expect(rate).toBeLessThanOrEqual(270 * KiB);
    expect(rate).toBeGreaterThan(64 * KiB);
  });

  it("fails with no-device without a device, and with unsupported-board for other protocols", async () => {
    await expect(dfuseFlasher.flash({ board: netduino, parts: [] })).rejects.toMatchObject({ code: "no-device" });
    const esp = { ...netduino, flash: { protocol: "unsupported", reason: "x" } } as unknown as typeof netduino;
    await expect(dfuseFlasher.flash({ board: esp, device: new VirtualDfuseDevice(), parts: [] })).rejects.toMatchObject(
      { code: "unsupported-board" },
    );
  });
});
