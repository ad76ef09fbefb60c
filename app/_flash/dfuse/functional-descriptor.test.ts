import { describe, expect, it } from "vitest";

import { VirtualDfuseDevice } from "../../../e2e/fixtures/virtual-dfuse";
import type { UsbDeviceLike } from "../types";
import {
  parseFunctionalDescriptor,
  readConfigurationDescriptor,
  readFunctionalDescriptor,
} from "./functional-descriptor";

describe("DFU functional descriptor", () => {
  it("reads wTransferSize and the attributes from the configuration descriptor", async () => {
    const device = new VirtualDfuseDevice({ transferSize: 1024 });
    await device.open();
    const raw = await readConfigurationDescriptor(device);
    expect(raw[1]).toBe(2);
    expect(raw.length).toBe(raw[2] | (raw[3] << 8));
    expect(await readFunctionalDescriptor(device)).toEqual({
      interfaceNumber: 0,
      canDownload: true,
      canUpload: true,
      manifestationTolerant: false,
      willDetach: true,
      detachTimeoutMs: 255,
      transferSize: 1024,
      dfuVersion: 0x011a,
    });
  });

  it("ignores 0x21 descriptors of other classes (HID) and stops at garbage", () => {
    const config = [9, 2, 0, 0, 2, 1, 0, 0x80, 50];
    const hid = [9, 4, 0, 0, 1, 0x03, 0, 0, 0, 9, 0x21, 0x11, 0x01, 0, 1, 0x22, 0x40, 0];
    const dfu = [9, 4, 1, 0, 0, 0xfe, 1, 2, 0, 9, 0x21, 0x0f, 0xe8, 0x03, 0x00, 0x04, 0x1a, 0x01];
    const parsed = parseFunctionalDescriptor(Uint8Array.from([...config, ...hid, ...dfu]));
    expect(parsed).toMatchObject({ interfaceNumber: 1, transferSize: 1024, manifestationTolerant: true });
    expect(parsed?.detachTimeoutMs).toBe(1000);
    expect(parseFunctionalDescriptor(Uint8Array.from([...config, ...hid]))).toBeUndefined();
    expect(parseFunctionalDescriptor(Uint8Array.from([9, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined();
    expect(parseFunctionalDescriptor(Uint8Array.from([9, 4, 0, 0, 0, 0xfe, 1, 2, 0, 40, 0x21, 0]))).toBeUndefined();
  });

  it("gives undefined when GET_DESCRIPTOR stalls", async () => {
    const device = new VirtualDfuseDevice();
    await device.open();
    const stalling: UsbDeviceLike = Object.assign(Object.create(device) as VirtualDfuseDevice, {
      controlTransferIn: async () => ({ status: "stall" as const }),
    });
    expect(await readFunctionalDescriptor(stalling)).toBeUndefined();
  });
});
