import { describe, expect, it } from "vitest";

import type { Board } from "../../../boards/schema";
import { VirtualDfuseDevice } from "../../../e2e/fixtures/virtual-dfuse";
import {
  PicobootStatusCode as Status,
  VirtualPicobootDevice,
  type PicobootFaults,
} from "../../../e2e/fixtures/virtual-picoboot";
import { flash } from "../index";
import type { FlashErrorCode, UsbDeviceLike } from "../types";
import { createPicobootFlasher } from "./flash-picoboot";
import {
  FLASH_START,
  flashVirtual,
  PICOBOOT_METHOD,
  picoImage,
  picoOverPicoboot,
  stateSequence,
  writingEvents,
} from "./test-support";

const KiB = 1024;
const image = picoImage(100 * KiB);
const parts = [{ offset: FLASH_START, data: image }];

/** Every failure ends in an error event with the FlashError's code, and never in `done`. */
function expectFailure(run: Awaited<ReturnType<typeof flashVirtual>>, code: FlashErrorCode) {
  expect(run.error?.code).toBe(code);
  expect(run.events.at(-1)).toEqual({ state: "error", code, message: run.error?.message });
  expect(run.events.some((event) => event.state === "done")).toBe(false);
}

describe("picobootFlasher failures", () => {
  it("reports a Pico lost at 40 % of the write as disconnected, with where it stopped", async () => {
    const run = await flashVirtual(parts, { faults: { disconnectAfterWriteBytes: 40 * KiB } });
    expectFailure(run, "disconnected");
    expect(run.error?.message).toMatch(/^Writing stopped at 40 % \(40,960 of 102,400 bytes, near 0x1000a000\)/);
    expect(run.error?.message).toMatch(/hold BOOTSEL while plugging the Pico back in/);
    expect(run.device.disconnected).toBe(true);
    expect(writingEvents(run.events).at(-1)?.written).toBe(40 * KiB);
    expect(stateSequence(run.events)).not.toContain("verifying");
  });

  it("catches a worn cell on read-back (verify-failed with the address) and does not reboot", async () => {
    const worn = new Uint8Array(image);
    worn[0x4a10] = 0x00;
    const run = await flashVirtual([{ offset: FLASH_START, data: worn }], {
      faults: { stuckBits: [{ address: 0x1000_4a10, mask: 0x10 }] },
    });
    expectFailure(run, "verify-failed");
    expect(run.error?.message).toMatch(
      /^Read-back differs at 0x10004a10: wrote 0x00, read 0x10 \(1 of 4096 bytes differ in the block at 0x10004000\)/,
    );
    expect(stateSequence(run.events)).not.toContain("resetting");
    expect(run.device.bootedInto).toBeUndefined();
  });

  const statusCases: [string, PicobootFaults["stall"], FlashErrorCode, RegExp][] = [
    [
      "BAD_ALIGNMENT on the third WRITE",
      { command: "WRITE", nth: 3, status: Status.BAD_ALIGNMENT },
      "device-error",
      /^Writing stopped at 8 % \(8,192 of 102,400 bytes, near 0x10002000\): the boot ROM refused WRITE 0x10002000\+4096 with BAD_ALIGNMENT \(erases need 4 KiB-aligned/,
    ],
    [
      "INVALID_ADDRESS on the erase",
      { command: "FLASH_ERASE", status: Status.INVALID_ADDRESS },
      "image-too-large",
      /^Erasing stopped after 0 of 25 sectors, near 0x10000000: .*FLASH_ERASE 0x10000000\+65536 with INVALID_ADDRESS/,
    ],
    [
      "NOT_PERMITTED on a WRITE",
      { command: "WRITE", status: Status.NOT_PERMITTED },
      "write-protected",
      /with NOT_PERMITTED \(the boot ROM does not permit this flash access/,
    ],
    [
      "INTERLEAVED_WRITE",
      { command: "WRITE", nth: 2, status: Status.INTERLEAVED_WRITE },
      "device-error",
      /INTERLEAVED_WRITE \(something wrote to the RPI-RP2 drive/,
    ],
    [
      "REBOOTING",
      { command: "EXIT_XIP", status: Status.REBOOTING },
      "disconnected",
      /REBOOTING \(the Pico is already rebooting/,
    ],
    ["UNKNOWN_CMD", { command: "EXCLUSIVE_ACCESS", status: Status.UNKNOWN_CMD }, "device-error", /is this an RP2040\?/],
    [
      "INVALID_CMD_LENGTH",
      { command: "READ", status: Status.INVALID_CMD_LENGTH },
      "device-error",
      /^Verification stopped at 0 %.*READ 0x10000000\+4096 with INVALID_CMD_LENGTH/,
    ],
    [
      "INVALID_TRANSFER_LENGTH",
      { command: "READ", nth: 2, status: Status.INVALID_TRANSFER_LENGTH },
      "device-error",
      /INVALID_TRANSFER_LENGTH \(the boot ROM expected another data length\)/,
    ],
  ];

  it.each(statusCases)("maps a stalled command with %s to its FlashError", async (_name, stall, code, message) => {
    const run = await flashVirtual(parts, { faults: { stall } });
    expectFailure(run, code);
    expect(run.error?.message).toMatch(message);
    // The flasher asked for the command status, then cleared the halt so the Pico stays usable.
    expect(run.device.engine.halted.size).toBe(0);
    expect(run.device.bootedInto).toBeUndefined();
  });

  it("gives up on an erase the Pico never finishes (NAK) with timeout, and says it is still in progress", async () => {
    const device = new VirtualPicobootDevice({ faults: { nack: { command: "FLASH_ERASE" } } });
    const flasher = createPicobootFlasher({ transferTimeoutMs: 40, eraseTimeoutPerSectorMs: 0 });
    const failure = await flasher
      .flash({ device, board: picoOverPicoboot, parts })
      .then(() => undefined)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "timeout" });
    expect((failure as Error).message).toMatch(
      /^Erasing stopped after 0 of 25 sectors, near 0x10000000: FLASH_ERASE 0x10000000\+65536 did not finish: got no answer within 40 ms and the boot ROM still reports it in progress/,
    );
    // Closing the device cancelled the transfer that was still waiting.
    expect(device.opened).toBe(false);
  });

  it("stops with cancelled when the user aborts while the Pico does not answer", async () => {
    const controller = new AbortController();
    const run = await flashVirtual(parts, {
      faults: { nack: { command: "WRITE", nth: 2 } },
      signal: controller.signal,
      onEvent: (event) => {
        if (event.state === "writing" && event.written === 4 * KiB) setTimeout(() => controller.abort(), 5);
      },
    });
    expectFailure(run, "cancelled");
    expect(run.error?.message).toMatch(/^Flashing was cancelled\. Writing stopped at 4 %.*stays in BOOTSEL mode/);
  });

  it("tells the user to hold BOOTSEL when the Pico is running a program (2e8a:000a)", async () => {
    const run = await flashVirtual(parts, { mode: "application" });
    expectFailure(run, "wrong-chip");
    expect(run.error?.message).toMatch(/^Pico \(2e8a:000a\) is running a Pico SDK program, not the boot ROM\./);
    expect(run.error?.message).toMatch(/hold the BOOTSEL button while plugging it back in/);
    expect(run.device.opened).toBe(false);
    expect(stateSequence(run.events)).toEqual(["connecting", "error"]);
  });

  it("refuses a boot ROM whose PICOBOOT interface is disabled, pointing at the UF2 drive", async () => {
    const run = await flashVirtual(parts, { picobootInterface: false });
    expectFailure(run, "wrong-chip");
    expect(run.error?.message).toMatch(/no PICOBOOT interface.*copy the \.uf2 file to the RPI-RP2 drive/);
  });

  it("refuses a device that is no Raspberry Pi at all", async () => {
    const device = new VirtualDfuseDevice() as unknown as UsbDeviceLike as VirtualPicobootDevice;
    const run = await flashVirtual(parts, {}, device);
    expectFailure(run, "wrong-chip");
    expect(run.error?.message).toMatch(/\(0483:df11\) is not a Raspberry Pi RP2040 in BOOTSEL mode/);
  });

  it("refuses an image larger than the 2 MiB flash before erasing anything", async () => {
    const run = await flashVirtual([{ offset: FLASH_START, data: picoImage(2 * 1024 * KiB + 1) }]);
    expectFailure(run, "image-too-large");
    expect(run.error?.message).toBe("The image is 2,097,153 bytes but the flash holds 2,097,152: 1 bytes too many.");
    expect(run.device.erasedSectors).toEqual([]);
    expect(run.device.log.filter((line) => /ERASE|WRITE|EXIT_XIP/.test(line))).toEqual([]);
    expect(stateSequence(run.events)).toEqual(["connecting", "detecting", "detected", "error"]);
  });

  it("refuses parts outside the flash: in SRAM, or past the chip's end where the address would wrap", async () => {
    for (const offset of [0x2000_0000, FLASH_START + 2 * 1024 * KiB]) {
      const run = await flashVirtual([...parts, { offset, data: new Uint8Array(16) }]);
      expectFailure(run, "image-too-large");
      expect(run.error?.message).toContain(`outside the Pico's flash (0x10000000–0x101fffff)`);
      expect(run.device.erasedSectors).toEqual([]);
    }
  });

  it("refuses an image that does not start with a valid boot2, which the Pico could not start", async () => {
    const noBoot2 = new Uint8Array(image);
    noBoot2[17] ^= 0xff;
    const run = await flashVirtual([{ offset: FLASH_START, data: noBoot2 }]);
    expectFailure(run, "write-failed");
    expect(run.error?.message).toMatch(
      /^The image's first 256 bytes are not a valid RP2040 boot2 \(CRC-32 0x[0-9a-f]{8}, stored/,
    );
    const appOnly = await flashVirtual([{ offset: 0x1000_0100, data: image.subarray(256) }]);
    expectFailure(appOnly, "write-failed");
    expect(appOnly.error?.message).toMatch(
      /^The image starts at 0x10000100, but an RP2040 image must start at 0x10000000/,
    );
    expect(appOnly.device.erasedSectors).toEqual([]);
  });

  it("fails with no-device without a device, and unsupported-board for broken PICOBOOT settings", async () => {
    await expect(flash({ board: picoOverPicoboot, parts })).rejects.toMatchObject({
      code: "no-device",
      message: "No USB device was chosen. Hold BOOTSEL while plugging in the USB cable.",
    });
    const broken = { ...picoOverPicoboot, flash: { ...PICOBOOT_METHOD, flashBytes: 1000 } } as unknown as Board;
    const run = await flashVirtual(parts, { board: broken });
    expectFailure(run, "unsupported-board");
    expect(run.error?.message).toMatch(/PICOBOOT settings are invalid \(flashBytes: /);
  });
});
