import { describe, expect, it } from "vitest";
import { boards, getBoard } from "../../boards";
import { boardsForDevice, chooseTransport, serialFilters, usbFilters } from "./device-choice";

const desktopChrome = { secureContext: true, serial: true, usb: true };
const androidChrome = { secureContext: true, serial: false, usb: true };

describe("device choice", () => {
  it("filters the chooser by the catalogue's USB ids", () => {
    expect(serialFilters(getBoard("esp32-s3-devkitc-1")!)).toContainEqual({
      usbVendorId: 0x303a,
      usbProductId: 0x1001,
    });
    expect(usbFilters(getBoard("netduino-plus-2")!)).toEqual([{ vendorId: 0x0483, productId: 0xdf11 }]);
  });

  it("matches a connected device to likely boards, the board's own id first", () => {
    expect(boardsForDevice(boards, 0x2341, 0x0043).map((b) => b.id)).toEqual(["arduino-uno"]);
    const ch340 = boardsForDevice(boards, 0x1a86, 0x7523).map((b) => b.id);
    expect(ch340).toEqual(expect.arrayContaining(["arduino-uno", "arduino-nano", "esp32-devkitc"]));
  });

  it("explains what to use instead on an insecure page or a browser without the APIs", () => {
    const esp = getBoard("esp32-devkitc")!;
    expect(chooseTransport(esp, { ...desktopChrome, secureContext: false })).toMatchObject({
      ok: false,
      message: expect.stringContaining("https://"),
    });
    expect(chooseTransport(esp, { secureContext: true, serial: false, usb: false })).toMatchObject({ ok: false });
    expect(chooseTransport(getBoard("nucleo-f401re")!, desktopChrome)).toMatchObject({ ok: false });
    const pico = chooseTransport(getBoard("rpi-pico")!, desktopChrome);
    expect(pico).toMatchObject({ ok: false, message: expect.stringContaining(".uf2") });
    expect(pico.ok === false && pico.message).not.toMatch(/\.,/);
  });

  it("uses the WebUSB polyfill where Web Serial is missing and says when a bridge chip cannot work that way", () => {
    expect(chooseTransport(getBoard("esp32-devkitc")!, desktopChrome)).toEqual({ ok: true, transport: "web-serial" });
    const cp2102Only = chooseTransport(getBoard("esp32-devkitc")!, androidChrome);
    expect(cp2102Only).toMatchObject({
      ok: true,
      transport: "webusb-serial-polyfill",
      note: expect.stringContaining("cannot work over WebUSB"),
    });
    const s3 = chooseTransport(getBoard("esp32-s3-devkitc-1")!, androidChrome);
    expect(s3).toMatchObject({ ok: true, transport: "webusb-serial-polyfill" });
    expect(chooseTransport(getBoard("netduino-plus-2")!, androidChrome)).toEqual({ ok: true, transport: "webusb-dfu" });
  });
});
