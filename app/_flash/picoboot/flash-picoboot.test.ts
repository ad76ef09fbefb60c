import { describe, expect, it } from "vitest";

import { VirtualPicobootDevice, W25Q16_TIMING } from "../../../e2e/fixtures/virtual-picoboot";
import {
  firstDifference,
  FLASH_START,
  flashVirtual,
  picoImage,
  randomBytes,
  stateSequence,
  writingEvents,
} from "./test-support";

const KiB = 1024;

describe("picobootFlasher on a virtual Pico in BOOTSEL mode", () => {
  it("writes the image byte for byte, erasing only the sectors it touches, and boots it", async () => {
    const image = picoImage(100 * KiB + 100);
    const device = new VirtualPicobootDevice();
    // What was there before: the tail of the last touched sector is lost, the next sector kept.
    const keep = randomBytes(8 * KiB, 7);
    device.memory.set(keep, 104 * KiB);
    device.memory.fill(0x00, 100 * KiB + 100, 104 * KiB);
    device.memory.fill(0x11, 2 * 1024 * KiB - 16, 2 * 1024 * KiB);

    const { events, error } = await flashVirtual([{ offset: FLASH_START, data: image }], {}, device);

    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    // 100 KiB + 100 bytes touch 26 sectors; the last page is padded with 0xFF and the sector's rest erased.
    expect(device.erasedSectors).toEqual(Array.from({ length: 26 }, (_, i) => FLASH_START + i * 4 * KiB));
    expect(device.memory.subarray(image.length, 104 * KiB).every((byte) => byte === 0xff)).toBe(true);
    expect(firstDifference(device.memory.subarray(104 * KiB, 112 * KiB), keep)).toBe(-1);
    expect(device.memory.subarray(2 * 1024 * KiB - 16).every((byte) => byte === 0x11)).toBe(true);

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
    expect(events.find((event) => event.state === "detected")).toEqual({
      state: "detected",
      chip: "RP2040 (BOOTSEL)",
      detail: "PICOBOOT on interface 1, 2048 KiB flash at 0x10000000",
    });
    expect(events.filter((event) => event.state === "erasing").at(-1)).toEqual({
      state: "erasing",
      erased: 26,
      total: 26,
    });
    const writes = writingEvents(events);
    const pagesBytes = Math.ceil(image.length / 256) * 256;
    expect(writes.every((event, i) => i === 0 || event.written > writes[i - 1].written)).toBe(true);
    expect(writes.every((event) => event.total === pagesBytes)).toBe(true);
    expect(writes.at(-1)?.written).toBe(pagesBytes);
    expect(writes.at(-1)?.bytesPerSecond).toBeGreaterThan(0);
    expect(events.filter((event) => event.state === "verifying").at(-1)).toMatchObject({ verified: pagesBytes });
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: pagesBytes });
    expect(events.some((event) => event.state === "error")).toBe(false);

    // The ROM rebooted through the normal boot path, found boot2's CRC valid and ran the program.
    expect(device.bootedInto).toBe("flash-program");
    expect(device.disconnected).toBe(true);
    expect(device.engine.exclusive).toBe(2);
  });

  it("follows picotool's order: reset, exclusive access, exit XIP, erase, write, read, reboot", async () => {
    const { device, error } = await flashVirtual([{ offset: FLASH_START, data: picoImage(6 * KiB) }]);
    expect(error).toBeUndefined();
    const commands = device.log.filter((line) => !line.startsWith("REBOOT →")).map((line) => line.split(" ")[0]);
    expect(commands).toEqual([
      "IF_RESET",
      "EXCLUSIVE_ACCESS",
      "EXIT_XIP",
      "FLASH_ERASE",
      "WRITE",
      "WRITE",
      "READ",
      "READ",
      "REBOOT",
      "DISCONNECT",
    ]);
    expect(device.log).toContain("FLASH_ERASE addr=0x10000000 size=8192 len=0");
    expect(device.log).toContain("WRITE addr=0x10001000 size=2048 len=2048");
    expect(device.log).toContain("REBOOT addr=0x0 size=0 len=0");
  });

  it("models the flash time: 45 ms per sector erase and 0.8 ms per page program", async () => {
    const image = picoImage(64 * KiB);
    const { device, error } = await flashVirtual([{ offset: FLASH_START, data: image }]);
    expect(error).toBeUndefined();
    const time = device.modelledTime;
    expect(time.eraseUs).toBe(16 * W25Q16_TIMING.sectorEraseUs + 100);
    expect(time.programUs).toBe(256 * W25Q16_TIMING.pageProgramUs);
    expect(time.readUs).toBe(256 * W25Q16_TIMING.pageReadUs);
    expect(time.usbUs).toBeGreaterThan(2 * image.length);
    expect(time.totalUs).toBe(time.eraseUs + time.programUs + time.readUs + time.usbUs);
  });

  it("pads parts that start mid-page with 0xFF and keeps sectors no part touches", async () => {
    const device = new VirtualPicobootDevice();
    device.memory.fill(0x42, 8 * KiB, 12 * KiB);
    const boot = picoImage(4 * KiB, 3);
    const data = randomBytes(1000, 5);
    const { error } = await flashVirtual(
      [
        { offset: 0x1001_0010, data },
        { offset: FLASH_START, data: boot },
      ],
      {},
      device,
    );
    expect(error).toBeUndefined();
    expect(device.erasedSectors).toEqual([0x1000_0000, 0x1001_0000]);
    expect(firstDifference(device.memory.subarray(0, boot.length), boot)).toBe(-1);
    expect(firstDifference(device.memory.subarray(0x1_0010, 0x1_0010 + data.length), data)).toBe(-1);
    expect(device.memory.subarray(0x1_0000, 0x1_0010).every((byte) => byte === 0xff)).toBe(true);
    expect(device.memory.subarray(0x1_0010 + data.length, 0x1_1000).every((byte) => byte === 0xff)).toBe(true);
    expect(device.memory.subarray(8 * KiB, 12 * KiB).every((byte) => byte === 0x42)).toBe(true);
    expect(device.log.some((line) => line.startsWith("FAIL"))).toBe(false);
  });

  it("takes exclusive access, so an OS writing to the RPI-RP2 drive cannot interleave with the flash", async () => {
    const image = picoImage(12 * KiB, 4);
    const { device, error } = await flashVirtual([{ offset: FLASH_START, data: image }], {
      faults: { osWritesToDrive: true },
    });
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("recovers a PICOBOOT interface a previous session left stalled", async () => {
    const device = new VirtualPicobootDevice();
    await device.open();
    await device.selectConfiguration(1);
    await device.claimInterface(1);
    await device.transferOut(3, new Uint8Array(7)); // not a command block: the ROM halts both endpoints
    expect(device.engine.halted.size).toBe(2);
    const image = picoImage(4 * KiB);
    const { error } = await flashVirtual([{ offset: FLASH_START, data: image }], {}, device);
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
  });

  it("fills the whole 2 MiB flash", async () => {
    const image = picoImage(2 * 1024 * KiB, 9);
    const { device, error } = await flashVirtual([{ offset: FLASH_START, data: image }]);
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory, image)).toBe(-1);
    expect(device.erasedSectors).toHaveLength(512);
  });
});
