import { describe, expect, it } from "vitest";
import { boards, getBoard } from "../../../boards";
import { deviceMismatch, formatUsbId } from "./device-match";

describe("deviceMismatch", () => {
  const esp32 = getBoard("esp32-devkitc")!;
  const netduino = getBoard("netduino-plus-2")!;

  it("accepts a device the node's board lists, and devices nobody lists", () => {
    expect(deviceMismatch(esp32, boards, { vendorId: 0x10c4, productId: 0xea60 })).toBeNull();
    expect(deviceMismatch(netduino, boards, { vendorId: 0x0483, productId: 0xdf11 })).toBeNull();
    expect(deviceMismatch(esp32, boards, { vendorId: 0x1234, productId: 0x5678 })).toBeNull();
    expect(deviceMismatch(esp32, boards, null)).toBeNull();
    expect(deviceMismatch(esp32, boards, {})).toBeNull();
  });

  it("names the boards the device belongs to instead", () => {
    const warning = deviceMismatch(esp32, boards, { vendorId: 0x2341, productId: 0x0043 });
    expect(warning).toMatch(/^The chosen device \(2341:0043\) looks like Arduino Uno/);
    expect(warning).toContain("not ESP32-DevKitC");
    expect(formatUsbId(0x483, 0xdf11)).toBe("0483:df11");
  });
});
