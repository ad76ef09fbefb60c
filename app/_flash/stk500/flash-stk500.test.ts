import { describe, expect, it } from "vitest";
import esp32 from "../../../boards/esp32-devkitc";
import uno from "../../../boards/arduino-uno";
import { virtualUno } from "../../../e2e/fixtures/virtual-optiboot";
import { parseIntelHex } from "../intel-hex";
import type { FlashEvent } from "../types";
import { BLINK_C, compileAvr } from "./avr-gcc.testing";
import { createStk500Flasher } from "./flash-stk500";
import { firstDifference, randomImage, runFlash, stateSequence } from "./flash-test-kit.testing";

const KIB20 = randomImage(20 * 1024, 7);

describe("stk500Flasher on a virtual Arduino Uno (Optiboot, STK500v1)", () => {
  it("writes a 20 KiB image byte for byte and reports ordered events", async () => {
    const port = virtualUno();
    const bootloader = port.flash.slice(port.bootloaderStart);
    const { events, error } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(error).toBeNull();
    expect(firstDifference(port.flash.subarray(0, KIB20.length), KIB20)).toBe(-1);
    expect(port.flash.subarray(KIB20.length, port.bootloaderStart).every((b) => b === 0xff)).toBe(true);
    expect(port.flash.subarray(port.bootloaderStart)).toEqual(bootloader);

    expect(stateSequence(events)).toEqual([
      "connecting",
      "detecting",
      "detected",
      "writing",
      "verifying",
      "resetting",
      "done",
    ]);
    expect(events).toContainEqual({ state: "detected", chip: "ATmega328P", detail: "Optiboot 8.0 at 115200 baud" });
    const writes = events.filter((e) => e.state === "writing");
    expect(writes).toHaveLength(160 + 1);
    expect(writes.at(-1)).toMatchObject({ written: 20480, total: 20480 });
    expect(writes.slice(1).every((e) => typeof e.bytesPerSecond === "number" && e.bytesPerSecond > 0)).toBe(true);
    expect(events.filter((e) => e.state === "verifying").at(-1)).toEqual({
      state: "verifying",
      verified: 20480,
      total: 20480,
    });
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: 20480 });

    // Reset pulse at the board's baud, then the protocol, then the port is left closed.
    expect(port.log.slice(0, 3)).toEqual(["open 115200", "signals dtr=0 rts=0", "signals dtr=1 rts=1"]);
    expect(port.resets).toBe(1);
    expect(port.log).toContain("LEAVE_PROGMODE");
    expect(port.log.at(-1)).toBe("close");
    expect(port.opened).toBe(false);
    expect(port.inBootloader).toBe(false);
    expect(port.getInfo()).toEqual({ usbVendorId: 0x2341, usbProductId: 0x0043 });
  });

  it("flashes a real avr-objcopy hex and pads the last page with 0xFF", async () => {
    const { hex, bin } = compileAvr(BLINK_C, "atmega328p");
    const parts = parseIntelHex(hex);
    const port = virtualUno();
    const { error } = await runFlash(port, uno, parts);
    expect(error).toBeNull();
    expect(firstDifference(port.flash.subarray(0, bin.length), bin)).toBe(-1);
    const pageEnd = Math.ceil(bin.length / 128) * 128;
    expect(bin.length % 128).not.toBe(0);
    expect(port.log).toContain(`PROG_PAGE 0x${(pageEnd - 128).toString(16).padStart(4, "0")} 128 F`);
    expect(port.flash.subarray(bin.length, pageEnd).every((b) => b === 0xff)).toBe(true);
  });

  it("places parts at their byte addresses and fills gaps with 0xFF", async () => {
    const port = virtualUno();
    const a = randomImage(300, 1);
    const b = randomImage(50, 2);
    const { error, events } = await runFlash(port, uno, [
      { offset: 0, data: a },
      { offset: 0x1000, data: b },
    ]);
    expect(error).toBeNull();
    expect(port.flash.subarray(0, 300)).toEqual(a);
    expect(port.flash.subarray(300, 0x1000).every((x) => x === 0xff)).toBe(true);
    expect(port.flash.subarray(0x1000, 0x1000 + 50)).toEqual(b);
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: 0x1000 + 50 });
  });

  it("reports a disconnect at 30 % with the percentage and closes the port", async () => {
    const port = virtualUno({ faults: { disconnectAtPercent: 30, imageBytes: KIB20.length } });
    const { error, events } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(error?.code).toBe("disconnected");
    expect(error?.message).toMatch(/at 30 % of the write \(6,144 of 20,480 bytes\)/);
    expect(events.some((e) => e.state === "verifying")).toBe(false);
    expect(port.disconnected).toBe(true);
    expect(port.opened).toBe(false);
  });

  it("fails verification of a corrupted write with the address", async () => {
    const port = virtualUno({ faults: { corruptWrite: true } });
    const { error } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(port.corruptedAddress).toBe(0x85);
    expect(error?.code).toBe("verify-failed");
    expect(error?.message).toMatch(/^Verification failed at 0x0085: wrote 0x[0-9a-f]{2}, read back 0x[0-9a-f]{2}/);
    expect(port.log).toContain("LEAVE_PROGMODE"); // the bootloader is told to let go
    expect(port.opened).toBe(false);
  });

  it("refuses a board that answers as another chip, before writing anything", async () => {
    const port = virtualUno({ faults: { wrongSignature: true } });
    const { error, events } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(error?.code).toBe("wrong-chip");
    expect(error?.message).toBe(
      "The board answers as an ATmega2560 (1e 98 01), but the node is built for an Arduino Uno (ATmega328P). " +
        "Pick the right port, or change the node's board.",
    );
    expect(events).toContainEqual(expect.objectContaining({ state: "detected", chip: "ATmega2560" }));
    expect(events.some((e) => e.state === "writing")).toBe(false);
    expect(port.pagesWritten).toBe(0);
    expect(port.log.some((line) => line.startsWith("PROG_PAGE"))).toBe(false);
    expect(port.opened).toBe(false);
  });

  it("gives up with advice when the bootloader never answers, in bounded time", async () => {
    const port = virtualUno({ faults: { noSync: true } });
    const { error, ms } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(error?.code).toBe("sync-failed");
    expect(error?.message).toMatch(/at 115200 and 57600 baud/);
    expect(error?.message).toMatch(/board's port/);
    expect(error?.message).toMatch(/Optiboot/);
    expect(error?.message).toMatch(/57600 baud, the old bootloader of older Nanos/);
    expect(ms).toBeLessThan(1500);
    expect(port.log.filter((l) => l.startsWith("open"))).toEqual(["open 115200", "open 57600"]);
    expect(port.opened).toBe(false);
  });

  it("needs the DTR/RTS reset pulse: a board that never sees it stays silent", async () => {
    const port = virtualUno();
    port.setSignals = async () => {}; // e.g. a bridge whose control lines are not wired
    const { error } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(error?.code).toBe("sync-failed");
    expect(port.resets).toBe(0);
    expect(port.log.some((l) => l === "GET_SYNC")).toBe(false);
  });

  it("refuses an image larger than the application area before opening the port", async () => {
    const port = virtualUno();
    const { error, events } = await runFlash(port, uno, [{ offset: 0, data: randomImage(32_257) }]);
    expect(error?.code).toBe("image-too-large");
    expect(error?.message).toMatch(/32,257 bytes.*Arduino Uno \(ATmega328P\) has room for 32,256 bytes.*1 bytes too/);
    expect(events).toEqual([]);
    expect(port.log).toEqual([]);
  });

  it("accepts an image of exactly 32,256 bytes", async () => {
    const port = virtualUno();
    const image = randomImage(32_256, 3);
    const { error } = await runFlash(port, uno, [{ offset: 0, data: image }]);
    expect(error).toBeNull();
    expect(firstDifference(port.flash.subarray(0, 32_256), image)).toBe(-1);
  });

  it("syncs through retries when the bootloader is slow to listen", async () => {
    const port = virtualUno({ bootDelayMs: 60 });
    const { error } = await runFlash(port, uno, [{ offset: 0, data: KIB20.subarray(0, 1024) }]);
    expect(error).toBeNull();
    expect(port.log.filter((l) => l === "GET_SYNC").length).toBeGreaterThanOrEqual(1);
  });

  it("misses the bootloader when its watchdog window has passed", async () => {
    const port = virtualUno({ bootWindowMs: 20 });
    const late = createStk500Flasher({ resetLowMs: 5, bootWaitMs: 60, syncAttempts: 2, syncTimeoutMs: 30 });
    const { error } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }], { flasher: late });
    expect(error?.code).toBe("sync-failed");
    expect(port.log.some((l) => l.startsWith("exit: watchdog"))).toBe(true);
  });

  it("cancels on abort and closes the port", async () => {
    const port = virtualUno();
    const controller = new AbortController();
    const onEvent = (e: FlashEvent) => {
      if (e.state === "writing" && e.written >= 4096) controller.abort();
    };
    const { error } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }], { signal: controller.signal, onEvent });
    expect(error?.code).toBe("cancelled");
    expect(port.pagesWritten).toBeLessThan(160);
    expect(port.opened).toBe(false);
  });

  it("cancels during the sync and closes the port", async () => {
    const port = virtualUno({ faults: { noSync: true } });
    const slow = createStk500Flasher({ syncAttempts: 50, syncTimeoutMs: 200 });
    const { error, ms } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }], {
      flasher: slow,
      signal: AbortSignal.timeout(150),
    });
    expect(error?.code).toBe("cancelled");
    expect(ms).toBeLessThan(400);
    expect(port.opened).toBe(false);
  });

  it("reports a port that is already open", async () => {
    const port = virtualUno();
    await port.open({ baudRate: 9600 });
    const { error } = await runFlash(port, uno, [{ offset: 0, data: KIB20 }]);
    expect(error?.code).toBe("open-failed");
    expect(error?.message).toMatch(/already open/);
  });

  it("rejects boards that do not use STK500", async () => {
    const { error } = await runFlash(virtualUno(), esp32, [{ offset: 0, data: KIB20 }]);
    expect(error?.code).toBe("unsupported-board");
  });

  it("paces at the wire rate when throttled (10 bits per byte)", async () => {
    const port = virtualUno({ throttle: true });
    const image = randomImage(2048, 5);
    const { error, events, ms } = await runFlash(port, uno, [{ offset: 0, data: image }]);
    expect(error).toBeNull();
    // 2 KiB out and 2 KiB back at 11,520 bytes/s is ≥ 355 ms on the wire.
    expect(ms).toBeGreaterThan(350);
    const last = events.filter((e) => e.state === "writing").at(-1);
    expect(last?.state === "writing" && last.bytesPerSecond).toBeLessThan(11_520);
    expect(port.flash.subarray(0, 2048)).toEqual(image);
  });
});
