import { describe, expect, it } from "vitest";

import { commands, decodeCommandStatus, encodeCommand, PICOBOOT_MAGIC, statusName } from "./picoboot-protocol";

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("PICOBOOT command blocks", () => {
  it("encodes WRITE as 32 little-endian bytes: magic, token, id, size, transfer length, address, size", () => {
    const block = encodeCommand({ token: 7, ...commands.write(0x1000_2000, 4096) });
    expect(block).toHaveLength(32);
    expect(hexOf(block)).toBe(
      "0bd11f43" + "07000000" + "05" + "08" + "0000" + "00100000" + "00200010" + "00100000" + "0000000000000000",
    );
  });

  it("sets the IN bit for READ and carries its length twice (argument and data phase)", () => {
    const block = encodeCommand({ token: 0x01020304, ...commands.read(0x1000_0000, 256) });
    const view = new DataView(block.buffer);
    expect(view.getUint32(0, true)).toBe(PICOBOOT_MAGIC);
    expect(view.getUint32(4, true)).toBe(0x01020304);
    expect(block[8]).toBe(0x84);
    expect(block[9]).toBe(8);
    expect(view.getUint32(12, true)).toBe(256);
    expect(view.getUint32(16, true)).toBe(0x1000_0000);
    expect(view.getUint32(20, true)).toBe(256);
  });

  it("encodes the argument-only commands with their bCmdSize and no data phase", () => {
    const cases = [
      [commands.exclusiveAccess(2), "01", "01", "02"],
      [commands.exitXip(), "06", "00", ""],
      [commands.flashErase(0x1000_1000, 0x3000), "03", "08", "0010001000300000"],
      [commands.reboot(0, 0x2004_2000, 500), "02", "0c", "0000000000200420f4010000"],
    ] as const;
    for (const [command, id, size, args] of cases) {
      const block = encodeCommand({ token: 1, ...command });
      expect(hexOf(block.subarray(8, 10))).toBe(id + size);
      expect(new DataView(block.buffer).getUint32(12, true)).toBe(0);
      expect(hexOf(block.subarray(16, 16 + args.length / 2))).toBe(args);
      expect(block.subarray(16 + args.length / 2).every((byte) => byte === 0)).toBe(true);
    }
  });

  it("refuses more than 16 argument bytes", () => {
    expect(() => encodeCommand({ token: 1, id: 1, argsSize: 17, transferLength: 0, args: new Uint8Array(17) })).toThrow(
      RangeError,
    );
  });

  it("decodes the 16-byte command status", () => {
    const bytes = Uint8Array.from([0x2a, 0, 0, 0, 5, 0, 0, 0, 0x03, 1, 0, 0, 0, 0, 0, 0]);
    expect(decodeCommandStatus(new DataView(bytes.buffer))).toEqual({ token: 42, code: 5, id: 3, inProgress: true });
    expect(statusName(5)).toBe("BAD_ALIGNMENT");
    expect(statusName(99)).toBe("status 99");
    expect(() => decodeCommandStatus(new DataView(new ArrayBuffer(8)))).toThrow(/expected 16 bytes, got 8/);
  });
});
