import { describe, expect, it } from "vitest";

import { VirtualStlinkDevice } from "../../../e2e/fixtures/virtual-stlink";
import { FLASH_START, firstDifference, flashVirtual, KiB, NUCLEO_L476RG, randomImage } from "./test-support";

const BANK2 = FLASH_START + 512 * KiB;

describe("stlinkFlasher on an STM32L476 (dual-bank, double-word programming)", () => {
  it("writes across the bank boundary, erasing pages by bank and number", async () => {
    const image = randomImage(8 * KiB - 3, 0x51);
    const offset = BANK2 - 4 * KiB;
    const { error, device, events } = await flashVirtual([{ offset, data: image }], {
      probe: "v2-1",
      chip: "stm32l476rg",
      board: NUCLEO_L476RG,
    });
    expect(error).toBeUndefined();
    expect(device.target.flash.erased).toEqual([254, 255, 256, 257]);
    const at = offset - FLASH_START;
    expect(firstDifference(device.memory.subarray(at, at + image.length), image)).toBe(-1);
    // Padded to whole double-words with erased bytes.
    expect([...device.memory.subarray(at + image.length, at + image.length + 3)]).toEqual([0xff, 0xff, 0xff]);
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      chip: expect.stringMatching(/^STM32L4 DEV_ID 0x415/),
      detail: "1024 KiB flash, 3.25 V, programming double-words",
    });
  });

  it("finds a write-protected page in bank 2 before erasing", async () => {
    const { error, device } = await flashVirtual([{ offset: BANK2 - 2 * KiB, data: randomImage(6 * KiB) }], {
      chip: "stm32l476rg",
      board: NUCLEO_L476RG,
      faults: { writeProtectedUnits: [257] },
    });
    expect(error?.code).toBe("write-protected");
    expect(error?.message).toMatch(/^1 of the 3 pages\/sectors .* \(first at 0x08080800\)/);
    expect(device.target.flash.erased).toEqual([]);
  });

  it("reports PROGERR when a page did not erase", async () => {
    const device = new VirtualStlinkDevice({ chip: "stm32l476rg", faults: { failedEraseUnits: [1] } });
    device.memory.fill(0x12, 2 * KiB, 4 * KiB); // worn page 1 keeps its old content
    const { error, events } = await flashVirtual([{ offset: FLASH_START, data: randomImage(4 * KiB) }], {
      device,
      board: NUCLEO_L476RG,
    });
    expect(error?.code).toBe("device-error");
    expect(error?.message).toMatch(
      /^Writing stopped at 50 % .*Program 0x08000800: the flash controller reported PROGERR\.$/,
    );
    expect(events.some((event) => event.state === "done")).toBe(false);
  });
});
