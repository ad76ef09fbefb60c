import { describe, expect, it } from "vitest";
import { boards, getBoard, withFlashRoute } from "../../boards";
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

  it("filters by the chosen route: ST-LINK probes, the RP2040 boot ROM, the USB-serial bridges", () => {
    const bluePill = getBoard("bluepill-f103c8")!;
    const [stlink, uart] = bluePill.flashRoutes;
    expect(usbFilters(withFlashRoute(bluePill, stlink!))).toEqual([{ vendorId: 0x0483, productId: 0x3748 }]);
    expect(serialFilters(withFlashRoute(bluePill, uart!))).toEqual([
      { usbVendorId: 0x1a86, usbProductId: 0x7523 },
      { usbVendorId: 0x10c4, usbProductId: 0xea60 },
      { usbVendorId: 0x0403, usbProductId: 0x6001 },
    ]);
    expect(usbFilters(getBoard("nucleo-f401re")!)).toEqual([{ vendorId: 0x0483, productId: 0x374b }]);
    expect(usbFilters(getBoard("rpi-pico")!)).toEqual([{ vendorId: 0x2e8a, productId: 0x0003 }]);
    const discovery = getBoard("stm32f4-discovery")!;
    expect(usbFilters(withFlashRoute(discovery, discovery.flashRoutes[1]!))).toEqual([
      { vendorId: 0x0483, productId: 0x3748 },
    ]);
  });

  it("reaches ST-LINK and PICOBOOT over WebUSB and the STM32 ROM bootloader over Web Serial", () => {
    const bluePill = getBoard("bluepill-f103c8")!;
    expect(chooseTransport(bluePill, desktopChrome)).toEqual({ ok: true, transport: "webusb" });
    expect(chooseTransport(withFlashRoute(bluePill, bluePill.flashRoutes[1]!), desktopChrome)).toEqual({
      ok: true,
      transport: "web-serial",
    });
    expect(chooseTransport(withFlashRoute(bluePill, bluePill.flashRoutes[1]!), androidChrome)).toMatchObject({
      ok: true,
      note: expect.stringContaining("cannot work over WebUSB"),
    });
    expect(chooseTransport(getBoard("nucleo-f401re")!, desktopChrome)).toEqual({ ok: true, transport: "webusb" });
    expect(chooseTransport(getBoard("rpi-pico")!, { ...desktopChrome, usb: false })).toMatchObject({
      ok: false,
      message: expect.stringContaining("WebUSB"),
    });
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
    expect(chooseTransport(getBoard("lm3s6965evb")!, desktopChrome)).toMatchObject({ ok: false });
    const rpiPico = getBoard("rpi-pico")!;
    const pico = chooseTransport(withFlashRoute(rpiPico, rpiPico.flashRoutes[1]!), desktopChrome);
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
    expect(chooseTransport(getBoard("netduino-plus-2")!, androidChrome)).toEqual({ ok: true, transport: "webusb" });
  });
});
