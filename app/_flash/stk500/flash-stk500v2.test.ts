import { describe, expect, it } from "vitest";
import mega from "../../../boards/arduino-mega-2560";
import nano from "../../../boards/arduino-nano";
import { virtualMega2560, virtualOldNano } from "../../../e2e/fixtures/virtual-optiboot";
import { parseIntelHex } from "../intel-hex";
import { bigTablesC, compileAvr } from "./avr-gcc.testing";
import { firstDifference, randomImage, runFlash, stateSequence } from "./flash-test-kit.testing";

describe("stk500Flasher on a virtual Arduino Mega 2560 (STK500v2)", () => {
  it("writes a 20 KiB image byte for byte", async () => {
    const port = virtualMega2560();
    const image = randomImage(20 * 1024, 11);
    const bootloader = port.flash.slice(port.bootloaderStart);
    const { error, events } = await runFlash(port, mega, [{ offset: 0, data: image }]);
    expect(error).toBeNull();
    expect(firstDifference(port.flash.subarray(0, image.length), image)).toBe(-1);
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
    expect(events).toContainEqual({
      state: "detected",
      chip: "ATmega2560",
      detail: "STK500v2 bootloader (AVRISP_2) at 115200 baud",
    });
    expect(port.log).toContain("LEAVE_PROGMODE_ISP");
    expect(port.opened).toBe(false);
    expect(port.getInfo()).toEqual({ usbVendorId: 0x2341, usbProductId: 0x0042 });
  });

  it("flashes a real 150 KB avr-objcopy image past 64K words", async () => {
    const { hex, bin } = compileAvr(bigTablesC(5), "atmega2560");
    const port = virtualMega2560();
    const { error } = await runFlash(port, mega, parseIntelHex(hex));
    expect(error).toBeNull();
    expect(firstDifference(port.flash.subarray(0, bin.length), bin)).toBe(-1);
    // avrdude-style extended addressing: bit 31 on every LOAD_ADDRESS of a 256 KiB part.
    expect(port.loadedAddresses.every((a) => a >= 0x8000_0000)).toBe(true);
    expect(Math.max(...port.loadedAddresses.map((a) => a & 0x7fff_ffff))).toBeGreaterThan(0xffff);
  });

  it("refuses a board that answers as another chip", async () => {
    const port = virtualMega2560({ faults: { wrongSignature: true } });
    const { error } = await runFlash(port, mega, [{ offset: 0, data: randomImage(1024) }]);
    expect(error?.code).toBe("wrong-chip");
    expect(error?.message).toMatch(
      /^The board answers as an ATmega328P \(1e 95 0f\), but the node is built for an Arduino Mega 2560 \(ATmega2560\)/,
    );
    expect(port.pagesWritten).toBe(0);
  });

  it("refuses an image over 253,952 bytes", async () => {
    const { error } = await runFlash(virtualMega2560(), mega, [{ offset: 0, data: randomImage(253_953) }]);
    expect(error?.code).toBe("image-too-large");
    expect(error?.message).toMatch(/253,953 bytes.*room for 253,952 bytes/);
  });

  it("reports a disconnect mid-write and fails verification of a corrupted page", async () => {
    const image = randomImage(8192, 3);
    const unplugged = virtualMega2560({ faults: { disconnectAtPercent: 50, imageBytes: image.length } });
    const lost = await runFlash(unplugged, mega, [{ offset: 0, data: image }]);
    expect(lost.error?.code).toBe("disconnected");
    expect(lost.error?.message).toMatch(/at 50 % of the write/);
    expect(unplugged.opened).toBe(false);

    const corrupting = virtualMega2560({ faults: { corruptWrite: true } });
    const corrupt = await runFlash(corrupting, mega, [{ offset: 0, data: image }]);
    expect(corrupt.error?.code).toBe("verify-failed");
    expect(corrupt.error?.message).toMatch(/at 0x0105/);
  });

  it("does not fall back to 57600 baud (STK500v2) and fails sync in bounded time", async () => {
    const port = virtualMega2560({ faults: { noSync: true } });
    const { error, ms } = await runFlash(port, mega, [{ offset: 0, data: randomImage(1024) }]);
    expect(error?.code).toBe("sync-failed");
    expect(error?.message).toMatch(/at 115200 baud.*STK500v2/);
    expect(port.log.filter((l) => l.startsWith("open"))).toEqual(["open 115200"]);
    expect(ms).toBeLessThan(1000);
  });
});

describe("stk500Flasher on an older Nano (ATmegaBOOT at 57600 baud)", () => {
  it("falls back to 57600 baud and flashes", async () => {
    const port = virtualOldNano();
    const image = randomImage(10_000, 4);
    const { error, events } = await runFlash(port, nano, [{ offset: 0, data: image }]);
    expect(error).toBeNull();
    expect(firstDifference(port.flash.subarray(0, image.length), image)).toBe(-1);
    expect(port.log.filter((l) => l.startsWith("open"))).toEqual(["open 115200", "open 57600"]);
    expect(events).toContainEqual(
      expect.objectContaining({ state: "detected", detail: "STK500v1 bootloader 1.16 at 57600 baud" }),
    );
  });

  it("applies the old bootloader's smaller limit (30,720 bytes)", async () => {
    const port = virtualOldNano();
    const { error } = await runFlash(port, nano, [{ offset: 0, data: randomImage(31_000) }]);
    expect(error?.code).toBe("image-too-large");
    expect(error?.message).toMatch(/31,000 bytes.*room for 30,720 bytes/);
    expect(port.pagesWritten).toBe(0);
    expect(port.opened).toBe(false);
  });
});
