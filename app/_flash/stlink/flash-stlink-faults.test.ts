import { describe, expect, it } from "vitest";

import bluepill from "../../../boards/bluepill-f103c8";
import { withFlashRoute } from "../../../boards/schema";
import { VirtualDfuseDevice } from "../../../e2e/fixtures/virtual-dfuse";
import { VirtualStlinkDevice } from "../../../e2e/fixtures/virtual-stlink";
import type { FlashEvent } from "../types";
import { flashStlink } from "./flash-stlink";
import {
  BLUEPILL,
  FLASH_START,
  flashVirtual,
  KiB,
  NUCLEO_F401RE,
  randomImage,
  stateSequence,
  withStlink,
} from "./test-support";

const image = randomImage(48 * KiB);
const parts = [{ offset: FLASH_START, data: image }];
const writingEvents = (events: FlashEvent[]) => events.flatMap((event) => (event.state === "writing" ? [event] : []));
const never = (events: FlashEvent[], ...states: FlashEvent["state"][]) =>
  expect(events.filter((event) => states.includes(event.state))).toEqual([]);

describe("stlinkFlasher failures", () => {
  it("reports an ST-LINK pulled at 40 % of the write as disconnected, with where it stopped", async () => {
    const { error, events, device } = await flashVirtual(parts, {
      faults: { disconnectAtPercent: 40, imageBytes: image.length },
    });
    expect(error?.code).toBe("disconnected");
    expect(error?.message).toMatch(
      /^Writing stopped at 41 % \(20,480 of 49,152 bytes, near 0x08005000\): the ST-LINK disconnected/,
    );
    expect(device.disconnected).toBe(true);
    expect(writingEvents(events).at(-1)?.written).toBe(20 * KiB);
    never(events, "verifying", "done");
  });

  it("catches a worn cell on read-back (verify-failed with its address)", async () => {
    const cell = FLASH_START + 0x2345;
    const data = image.slice();
    data[0x2345] = 0x00;
    const { error, events } = await flashVirtual([{ offset: FLASH_START, data }], {
      faults: { stuckBits: [{ address: cell, mask: 0x10 }] },
    });
    expect(error?.code).toBe("verify-failed");
    expect(error?.message).toMatch(
      /^Read-back differs at 0x08002345: wrote 0x00, read 0x10 \(1 of 1024 bytes differ in the block at 0x08002000\)/,
    );
    expect(stateSequence(events)).toContain("verifying");
    never(events, "resetting", "done");
  });

  it("refuses a different chip before erasing anything (an F401 wired to a Blue Pill build)", async () => {
    const device = new VirtualStlinkDevice({ chip: "stm32f401re" });
    device.memory.fill(0x42, 0, 1024);
    const { error, events } = await flashVirtual(parts, { device });
    expect(error?.code).toBe("wrong-chip");
    expect(error?.message).toMatch(
      /wired to STM32F401xD\/xE \(DEV_ID 0x433\), but Blue Pill \(STM32F103C8\) has STM32F10x medium-density/,
    );
    expect(error?.message).toMatch(/Nothing was written/);
    expect(device.target.flash.erased).toEqual([]);
    expect(device.memory[0]).toBe(0x42);
    expect(stateSequence(events)).toEqual(["connecting", "detecting", "error"]);
  });

  it("refuses a chip with less flash than the board (flash size register)", async () => {
    const { error, device } = await flashVirtual(parts, { flashSizeKiB: 32 });
    expect(error?.code).toBe("wrong-chip");
    expect(error?.message).toMatch(/has 32 KiB of flash, but Blue Pill \(STM32F103C8\) is built for 64 KiB/);
    expect(device.target.flash.erased).toEqual([]);
  });

  it("accepts a clone that reports more flash than the board needs", async () => {
    const { error, events } = await flashVirtual(parts, { flashSizeKiB: 128 });
    expect(error).toBeUndefined();
    expect(events.find((event) => event.state === "detected")).toMatchObject({
      detail: expect.stringMatching(/^128 KiB flash/),
    });
  });

  it("stops on a write-protected page before erasing anything", async () => {
    const { error, device, events } = await flashVirtual(parts, { faults: { writeProtectedUnits: [45] } });
    expect(error?.code).toBe("write-protected");
    expect(error?.message).toMatch(
      /^4 of the 48 pages\/sectors the image needs are write-protected \(first at 0x0800b000\)\. Nothing was erased/,
    );
    expect(device.target.flash.erased).toEqual([]);
    never(events, "erasing", "done");
  });

  it("stops on a write-protected F4 sector", async () => {
    const { error, device } = await flashVirtual([{ offset: FLASH_START, data: randomImage(80 * KiB) }], {
      board: NUCLEO_F401RE,
      chip: "stm32f401re",
      faults: { writeProtectedUnits: [4] },
    });
    expect(error?.code).toBe("write-protected");
    expect(error?.message).toMatch(/first at 0x08010000/);
    expect(device.target.flash.erased).toEqual([]);
  });

  it("says the board is not powered when the probe measures ~0 V and SWD gets no answer", async () => {
    const { error, events } = await flashVirtual(parts, { targetVolts: 0 });
    expect(error?.code).toBe("target-not-powered");
    expect(error?.message).toMatch(/^The board is not powered: the ST-LINK\/V2 measures 0\.00 V/);
    never(events, "detecting", "done");
  });

  it("tells a powered board that does not answer SWD to check the wiring", async () => {
    const { error } = await flashVirtual(parts, { faults: { swdNotWired: true } });
    expect(error?.code).toBe("device-error");
    expect(error?.message).toMatch(
      /^The board has power \(3\.25 V\) but does not answer over SWD .*Check SWDIO, SWCLK and GND/,
    );
  });

  it("stops with cancelled while an F4 sector erase keeps the controller busy", async () => {
    const controller = new AbortController();
    const { error, device } = await flashVirtual([{ offset: FLASH_START, data: randomImage(20 * KiB) }], {
      board: NUCLEO_F401RE,
      chip: "stm32f401re",
      realTimeScale: 1, // a 16 KiB sector erase takes 250 ms of real time
      signal: controller.signal,
      onEvent: (event) => {
        if (event.state === "erasing" && event.erased === 0) setTimeout(() => controller.abort(), 20);
      },
    });
    expect(error?.code).toBe("cancelled");
    expect(error?.message).toMatch(
      /^Flashing was cancelled\. Erasing stopped after 0 of 2 pages\/sectors, near 0x08000000\./,
    );
    expect(device.target.flash.erased).toEqual([0]);
  });

  it("explains readout protection (RDP level 1) and writes nothing", async () => {
    const { error, device, events } = await flashVirtual(parts, { faults: { readProtected: true } });
    expect(error?.code).toBe("read-protected");
    expect(error?.message).toMatch(/readout-protected \(RDP level 1\).*mass-erases the whole flash/);
    expect(device.target.flash.erased).toEqual([]);
    never(events, "erasing", "done");
  });

  it("explains readout protection on the F4 from its option bytes", async () => {
    const { error } = await flashVirtual(parts, {
      board: NUCLEO_F401RE,
      chip: "stm32f401re",
      faults: { readProtected: true },
    });
    expect(error?.code).toBe("read-protected");
  });

  it("names firmware too old for F1 half-word programming and how to update it", async () => {
    const { error, device } = await flashVirtual(parts, { firmware: { stlink: 2, jtag: 17, third: 4 } });
    expect(error?.code).toBe("programmer-outdated");
    expect(error?.message).toBe(
      "The ST-LINK/V2 runs firmware V2J17S4, too old for programming STM32F1 flash with half-words (that needs J26 or newer). " +
        "Update it with ST's ST-LINK firmware upgrade tool (STSW-LINK007, also built into STM32CubeProgrammer), then flash again.",
    );
    expect(device.target.flash.erased).toEqual([]);
    expect(device.engine.unsupportedCommands).toBe(0);
  });

  it("refuses firmware without checked memory access on any family", async () => {
    const { error, events } = await flashVirtual(parts, {
      probe: "v2-1",
      chip: "stm32f401re",
      board: NUCLEO_F401RE,
      firmware: { stlink: 2, jtag: 14, third: 9 },
    });
    expect(error?.code).toBe("programmer-outdated");
    expect(error?.message).toMatch(/^The ST-LINK\/V2-1 runs firmware V2J14M9, too old/);
    never(events, "detecting");
  });

  it("refuses an image larger than the board's flash before erasing", async () => {
    const { error, device } = await flashVirtual([{ offset: FLASH_START, data: new Uint8Array(64 * KiB + 2) }]);
    expect(error?.code).toBe("image-too-large");
    expect(error?.message).toBe(
      "The image is 65,538 bytes but the flash holds only 65,536 bytes from 0x08000000: 2 bytes too many.",
    );
    expect(device.target.flash.erased).toEqual([]);
  });

  it("stops with cancelled when the signal aborts mid-write", async () => {
    const controller = new AbortController();
    const { error, events, device } = await flashVirtual(parts, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.state === "writing" && event.written >= 16 * KiB) controller.abort();
      },
    });
    expect(error?.code).toBe("cancelled");
    expect(error?.message).toMatch(/^Flashing was cancelled\. Writing stopped at 33 %.*flash it again/);
    expect(writingEvents(events).at(-1)?.written).toBe(16 * KiB);
    expect(device.disconnected).toBe(false);
    never(events, "done");
  });

  it("says when the chosen USB device is not an ST-LINK", async () => {
    const { error } = await flashVirtual(parts, { usb: new VirtualDfuseDevice() });
    expect(error?.code).toBe("no-device");
    expect(error?.message).toMatch(/DFU in FS Mode \(0483:df11\) is not an ST-LINK\/V2/);
  });

  it("needs the catalogue's ST-LINK settings", async () => {
    const incomplete = withStlink(bluepill, {
      family: "stm32f9" as "stm32f1",
      flashAddress: FLASH_START,
      expectedDevId: 0x410,
      flashSizeKiB: 64,
    });
    expect((await flashVirtual(parts, { board: incomplete })).error?.message).toMatch(
      /family "stm32f9" is not one of stm32f1, stm32f4, stm32l4/,
    );
    const overSerial = withFlashRoute(bluepill, bluepill.flashRoutes[1]!);
    await expect(flashStlink({ board: overSerial, device: new VirtualStlinkDevice(), parts })).rejects.toMatchObject({
      code: "unsupported-board",
    });
    expect(BLUEPILL.flash.protocol).toBe("stlink");
  });
});

describe("stlinkFlasher flash controller faults", () => {
  it("recovers a flash controller locked by a wrong key with one reset", async () => {
    const { error, device } = await flashVirtual(parts, { faults: { controllerLockedUntilReset: true } });
    expect(error).toBeUndefined();
    expect(device.log.some((line) => /wrong key 0x0, locked until reset/.test(line))).toBe(true);
    expect(device.target.resets).toBe(2);
    expect(device.memory.subarray(0, image.length)).toEqual(image);
  });

  it("turns PGERR after an erase that did not take into device-error naming the flag", async () => {
    const device = new VirtualStlinkDevice({ faults: { failedEraseUnits: [3] } });
    device.memory.fill(0x12, 3 * KiB, 4 * KiB);
    const { error, events } = await flashVirtual(parts, { device });
    expect(error?.code).toBe("device-error");
    expect(error?.message).toMatch(
      /^Writing stopped at 6 % \(3,072 of 49,152 bytes, near 0x08000c00\): Program 0x08000c00: the flash controller reported PGERR\.$/,
    );
    never(events, "verifying", "done");
  });
});
