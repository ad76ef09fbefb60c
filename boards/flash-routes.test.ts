import { describe, expect, it } from "vitest";
import { picobootMethodSchema } from "../app/_flash/picoboot/picoboot-method";
import { FLASH_CONTROLLERS } from "../app/_flash/stlink/families";
import { readStlinkMethod } from "../app/_flash/stlink/stlink-method";
import { chipById } from "../app/_flash/stm32-uart/chips";
import { readStm32UartMethod } from "../app/_flash/stm32-uart/method";
import { boards, getBoard, withFlashRoute, type Board } from "./index";

/** Routes each board offers, in the order the Flash stage proposes them. */
const EXPECTED_ROUTES: Record<string, string[]> = {
  "bluepill-f103c8": ["stlink", "stm32-uart"],
  "nucleo-f401re": ["stlink", "stm32-uart"],
  "nucleo-l476rg": ["stlink", "stm32-uart"],
  "stm32f4-discovery": ["dfuse", "stlink"],
  "blackpill-f411ce": ["dfuse", "stlink", "stm32-uart"],
  stm32vldiscovery: ["stm32-uart"],
  "netduino-plus-2": ["dfuse"],
  "rpi-pico": ["picoboot", "uf2"],
  "esp32-devkitc": ["esptool"],
  "esp32-s3-devkitc-1": ["esptool"],
  "esp32-c3-devkitm-1": ["esptool"],
  "esp8266-nodemcu": ["esptool"],
  "arduino-uno": ["stk500v1"],
  "arduino-nano": ["stk500v1"],
  "arduino-mega-2560": ["stk500v2"],
  lm3s6965evb: ["unsupported"],
  lm3s811evb: ["unsupported"],
};

/** DBGMCU_IDCODE DEV_ID, which is also the ROM bootloader's GET ID answer (RM0008, RM0368, RM0351, RM0090, RM0041). */
const STM32_DEV_ID: Record<string, number> = {
  STM32F100RB: 0x420,
  STM32F103C8: 0x410,
  STM32F401RE: 0x433,
  STM32F405RG: 0x413,
  STM32F407VG: 0x413,
  STM32F411CE: 0x431,
  STM32L476RG: 0x415,
};

const USB_ROUTES = new Set(["dfuse", "stlink", "picoboot"]);
const SERIAL_ROUTES = new Set(["esptool", "stk500v1", "stk500v2", "stm32-uart"]);

const flashRegions = (b: Board) => b.memoryMap.filter((r) => r.kind === "flash");
const flashOrigin = (b: Board) => Math.min(...flashRegions(b).map((r) => r.origin));
const flashTotal = (b: Board) => flashRegions(b).reduce((n, r) => n + r.length, 0);

describe("flash routes", () => {
  it("lists every catalogue board", () => {
    expect(Object.keys(EXPECTED_ROUTES).sort()).toEqual(boards.map((b) => b.id).sort());
  });

  describe.each(boards.map((b) => [b.id, b] as const))("%s", (id, b) => {
    it("offers its routes in order of preference, the first being the one flash() uses by default", () => {
      expect(b.flashRoutes.map((route) => route.method.protocol)).toEqual(EXPECTED_ROUTES[id]);
      expect(b.flash).toBe(b.flashRoutes[0]!.method);
      expect(new Set(b.flashRoutes.map((route) => route.label)).size).toBe(b.flashRoutes.length);
    });

    it("says 'not from the browser' only when no route exists, never for an STM32 or RP2040", () => {
      const unsupported = b.flashRoutes.filter((route) => route.method.protocol === "unsupported");
      if (unsupported.length > 0) expect(b.flashRoutes).toHaveLength(1);
      if (/^(stm32|rp2040)/.test(b.family)) expect(unsupported).toEqual([]);
    });

    it("filters the chooser by USB ids the board lists, and explains the wiring with pins", () => {
      for (const route of b.flashRoutes) {
        for (const id of route.usb) expect(b.usb).toContainEqual(expect.objectContaining(id));
        const protocol = route.method.protocol;
        if (USB_ROUTES.has(protocol) || SERIAL_ROUTES.has(protocol)) expect(route.usb.length).toBeGreaterThan(0);
        if (protocol === "stm32-uart" && !route.usb.some((u) => u.pid === "374b")) {
          expect(route.wiring).toMatch(/TX to PA10, adapter RX to PA9, GND/);
        }
        if (protocol === "stm32-uart") expect(route.wiring).toMatch(/BOOT0/);
        if (protocol === "stlink" && route.label === "ST-LINK") expect(route.wiring).toMatch(/SWDIO.*SWCLK.*GND.*3\.3/);
      }
    });

    it("gives each route parameters that agree with the memory map and the chip", () => {
      for (const route of b.flashRoutes) {
        const routed = withFlashRoute(b, route);
        const method = route.method;
        switch (method.protocol) {
          case "stlink": {
            expect(readStlinkMethod(routed)).toEqual(method);
            expect(method.family).toBe(b.family);
            expect(method.flashAddress).toBe(flashOrigin(b));
            expect(method.flashSizeKiB * 1024).toBe(flashTotal(b));
            expect(method.expectedDevId).toBe(STM32_DEV_ID[b.mcu]);
            const units = FLASH_CONTROLLERS[method.family]().eraseUnits(
              method.flashAddress,
              flashTotal(b),
              method.expectedDevId,
            );
            expect(units.reduce((n, unit) => n + unit.size, 0)).toBe(flashTotal(b));
            expect(route.usb.every((u) => u.vid === "0483" && ["3748", "374b"].includes(u.pid))).toBe(true);
            break;
          }
          case "stm32-uart": {
            expect(readStm32UartMethod(routed)).toEqual(method);
            expect(method.flashAddress).toBe(flashOrigin(b));
            expect(method.expectedChipId).toBe(STM32_DEV_ID[b.mcu]);
            const chip = chipById(method.expectedChipId)!;
            expect(chip.layout.reduce((n, run) => n + run.bytes * run.count, 0)).toBeGreaterThanOrEqual(flashTotal(b));
            expect(method.removeReadProtection).toBeUndefined();
            break;
          }
          case "picoboot": {
            expect(picobootMethodSchema.parse(method)).toEqual(method);
            expect(method.flashAddress).toBe(flashOrigin(b));
            expect(method.flashBytes).toBe(flashTotal(b));
            expect(route.usb).toEqual([{ vid: "2e8a", pid: "0003" }]);
            break;
          }
          case "dfuse":
          case "uf2":
            expect(method.address).toBe(flashOrigin(b));
            break;
          default:
            break;
        }
      }
    });
  });

  it("hands the flashers the board with the chosen route, and refuses a route the board does not have", () => {
    const bluePill = getBoard("bluepill-f103c8")!;
    const uart = bluePill.flashRoutes[1]!;
    expect(withFlashRoute(bluePill, uart).flash).toEqual({ ...uart.method });
    expect(withFlashRoute(bluePill, uart).flashRoutes).toBe(bluePill.flashRoutes);
    const pico = getBoard("rpi-pico")!;
    expect(() => withFlashRoute(bluePill, pico.flashRoutes[0]!)).toThrow(/not one of Blue Pill/);
  });
});
