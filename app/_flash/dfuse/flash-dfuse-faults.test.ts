import { describe, expect, it } from "vitest";

import { DfuStatusCode, VirtualDfuseDevice } from "../../../e2e/fixtures/virtual-dfuse";
import { FLASH_START, flashVirtual, randomImage, stateSequence, writingEvents } from "./test-support";

const KiB = 1024;
const image = randomImage(300 * KiB);
const parts = [{ offset: FLASH_START, data: image }];

describe("dfuseFlasher failures", () => {
  it("reports a board lost at 40 % of the write as disconnected, with the percentage", async () => {
    const { error, events, device } = await flashVirtual(parts, {
      faults: { disconnectAtPercent: 40, imageBytes: image.length },
    });
    expect(error?.code).toBe("disconnected");
    expect(error?.message).toMatch(/^Writing stopped at 40 % \(122,880 of 307,200 bytes, near 0x0801e000\)/);
    expect(error?.message).toMatch(/DFU mode/);
    expect(device.disconnected).toBe(true);
    expect(writingEvents(events).at(-1)?.written).toBe(122_880);
    expect(events.some((event) => event.state === "verifying")).toBe(false);
  });

  it("catches a corrupted write on read-back (verify-failed with the address)", async () => {
    const { error, events } = await flashVirtual(parts, { faults: { corruptWrite: true } });
    expect(error?.code).toBe("verify-failed");
    expect(error?.message).toMatch(
      /^Read-back differs at 0x08004a10: wrote 0x[0-9a-f]{2}, read 0x[0-9a-f]{2} \(1 of 2048/,
    );
    expect(stateSequence(events)).toContain("verifying");
    expect(stateSequence(events)).not.toContain("resetting");
  });

  it("maps errWRITE during the write to device-error naming the status", async () => {
    const { error, device } = await flashVirtual(parts, {
      faults: { errorStatus: { at: "write", status: DfuStatusCode.errWRITE } },
    });
    expect(error?.code).toBe("device-error");
    expect(error?.message).toMatch(/^Writing stopped at 0 % \(0 of 307,200 bytes, near 0x08000000\)/);
    expect(error?.message).toMatch(/errWRITE/);
    expect(error?.message).toMatch(/write-protected/);
    expect(device.opened).toBe(false);
  });

  it("maps errERASE to device-error and writes nothing", async () => {
    const device = new VirtualDfuseDevice({ faults: { errorStatus: { at: "erase", status: DfuStatusCode.errERASE } } });
    device.memory.fill(0x33, 0, 64);
    const { error, events } = await flashVirtual(parts, {}, device);
    expect(error?.code).toBe("device-error");
    expect(error?.message).toMatch(/^Erasing stopped after 0 of 7 sectors, near 0x08000000: .*errERASE/);
    expect(events.some((event) => event.state === "writing")).toBe(false);
    expect(device.memory[0]).toBe(0x33);
  });

  it("maps a stalled DNLOAD to device-error (errSTALLEDPKT)", async () => {
    const { error } = await flashVirtual(parts, { faults: { stallAt: 5 } });
    expect(error?.code).toBe("device-error");
    expect(error?.message).toMatch(/Writing stopped at 2 % \(8,192 of 307,200 bytes.*errSTALLEDPKT/);
  });

  it("refuses an image larger than the flash before erasing anything", async () => {
    const tooBig = new Uint8Array(1024 * KiB + 1);
    const { error, events, device } = await flashVirtual([{ offset: FLASH_START, data: tooBig }]);
    expect(error?.code).toBe("image-too-large");
    expect(error?.message).toBe(
      "The image is 1,048,577 bytes but Internal Flash holds only 1,048,576 bytes from 0x08000000 to 0x080fffff: 1 bytes too many.",
    );
    expect(device.erasedSectors).toEqual([]);
    expect(device.log.filter((line) => /ERASE|WRITE/.test(line))).toEqual([]);
    expect(stateSequence(events)).toEqual(["connecting", "detecting", "detected"]);
  });

  it("refuses an image that starts outside the flash", async () => {
    const { error, device } = await flashVirtual([{ offset: 0x2000_0000, data: new Uint8Array(16) }]);
    expect(error?.code).toBe("image-too-large");
    expect(error?.message).toMatch(/0x20000000, outside the writable memory of Internal Flash \(0x08000000–/);
    expect(device.erasedSectors).toEqual([]);
  });

  it("stops with cancelled when the signal aborts mid-write", async () => {
    const controller = new AbortController();
    const { error, events, device } = await flashVirtual(parts, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.state === "writing" && event.written >= 64 * KiB) controller.abort();
      },
    });
    expect(error?.code).toBe("cancelled");
    expect(error?.message).toMatch(/Writing stopped at 21 %/);
    expect(writingEvents(events).at(-1)?.written).toBe(64 * KiB);
    expect(device.disconnected).toBe(false);
  });

  it("stops with cancelled while waiting out a long bwPollTimeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    const { error } = await flashVirtual(parts, { signal: controller.signal, pollTimeoutMs: 5_000 });
    expect(error?.code).toBe("cancelled");
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("says when the device has no DFU interface", async () => {
    const device = new VirtualDfuseDevice();
    const config = device.configurations[0].interfaces[0].alternates;
    for (const alt of config) alt.interfaceClass = 0xff;
    const { error } = await flashVirtual(parts, {}, device);
    expect(error?.code).toBe("wrong-chip");
  });
});
