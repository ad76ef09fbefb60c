import { describe, expect, it } from "vitest";

import { VirtualPicobootDevice } from "../../../e2e/fixtures/virtual-picoboot";
import { PicobootClient, PicobootProtocolError, PicobootStatusError } from "./picoboot-client";
import { ExclusiveAccess } from "./picoboot-protocol";
import { openPicoboot } from "./picoboot-target";

async function connect(device = new VirtualPicobootDevice()) {
  const client = new PicobootClient(device, await openPicoboot(device));
  await client.resetInterface();
  return { device, client };
}

async function statusOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined).catch((failure: unknown) => failure);
  if (!(error instanceof PicobootStatusError)) throw new Error(`expected a PicobootStatusError, got ${String(error)}`);
  return error.statusName;
}

describe("PicobootClient against the virtual boot ROM", () => {
  it("finds interface 1 with bulk endpoints 3 OUT and 4 IN", async () => {
    const device = new VirtualPicobootDevice();
    expect(await openPicoboot(device)).toEqual({ interfaceNumber: 1, outEndpoint: 3, inEndpoint: 4 });
  });

  it("round-trips flash contents once out of XIP mode", async () => {
    const { client, device } = await connect();
    await client.exclusiveAccess(ExclusiveAccess.EXCLUSIVE_AND_EJECT);
    await client.exitXip();
    await client.flashErase(0x1000_1000, 4096);
    const data = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);
    await client.write(0x1000_1000, data);
    expect(await client.read(0x1000_1000, 512)).toEqual(data);
    expect(await client.read(0x1000_1200, 4)).toEqual(Uint8Array.of(0xff, 0xff, 0xff, 0xff));
    expect(device.engine.exclusive).toBe(2);
    const status = await client.commandStatus();
    expect(status).toMatchObject({ code: 0, id: 0x84, inProgress: false });
  });

  it("gets NOT_PERMITTED for flash access before EXIT_XIP", async () => {
    const { client } = await connect();
    expect(await statusOf(client.flashErase(0x1000_0000, 4096))).toBe("NOT_PERMITTED");
    expect(await statusOf(client.write(0x1000_0000, new Uint8Array(256)))).toBe("NOT_PERMITTED");
    expect(await statusOf(client.read(0x1000_0000, 256))).toBe("NOT_PERMITTED");
  });

  it("gets BAD_ALIGNMENT for erases off 4 KiB and flash writes off 256 bytes, and stays usable", async () => {
    const { client, device } = await connect();
    await client.exitXip();
    expect(await statusOf(client.flashErase(0x1000_0100, 4096))).toBe("BAD_ALIGNMENT");
    expect(await statusOf(client.flashErase(0x1000_0000, 100))).toBe("BAD_ALIGNMENT");
    expect(await statusOf(client.write(0x1000_0080, new Uint8Array(256)))).toBe("BAD_ALIGNMENT");
    expect(device.engine.halted.size).toBe(0);
    await client.flashErase(0x1000_0000, 4096);
    expect(device.erasedSectors).toEqual([0x1000_0000]);
  });

  it("gets INVALID_ADDRESS outside the XIP window and for ROM writes", async () => {
    const { client } = await connect();
    await client.exitXip();
    expect(await statusOf(client.flashErase(0x1100_0000, 8192))).toBe("INVALID_ADDRESS");
    expect(await statusOf(client.read(0x3000_0000, 16))).toBe("INVALID_ADDRESS");
    expect(await statusOf(client.write(0x0000_0000, new Uint8Array(16)))).toBe("INVALID_ADDRESS");
  });

  it("gets INTERLEAVED_WRITE when the OS writes to the drive mid-WRITE, unless access is exclusive", async () => {
    const { client } = await connect(new VirtualPicobootDevice({ faults: { osWritesToDrive: true } }));
    await client.exitXip();
    await client.flashErase(0x1000_0000, 4096);
    await client.write(0x1000_0000, new Uint8Array(256));
    expect(await statusOf(client.write(0x1000_0100, new Uint8Array(512)))).toBe("INTERLEAVED_WRITE");
    await client.exclusiveAccess(ExclusiveAccess.EXCLUSIVE);
    await client.write(0x1000_0100, new Uint8Array(512));
  });

  it("writes and reads SRAM without alignment rules", async () => {
    const { client } = await connect();
    await client.write(0x2000_0003, Uint8Array.of(1, 2, 3));
    expect(await client.read(0x2000_0002, 5)).toEqual(Uint8Array.of(0, 1, 2, 3, 0));
  });

  it("gets INVALID_CMD_LENGTH, INVALID_TRANSFER_LENGTH and UNKNOWN_CMD for malformed blocks", async () => {
    const { client } = await connect();
    const run = (id: number, argsSize: number, transferLength: number) =>
      client.run({ id, argsSize, transferLength, args: new Uint8Array(argsSize) }, `raw 0x${id.toString(16)}`);
    expect(await statusOf(run(0x06, 4, 0))).toBe("INVALID_CMD_LENGTH");
    expect(await statusOf(run(0x03, 8, 16))).toBe("INVALID_TRANSFER_LENGTH");
    expect(await statusOf(run(0x0e, 0, 0))).toBe("UNKNOWN_CMD");
  });

  it("gets REBOOTING for a command after REBOOT, while the watchdog is still counting", async () => {
    const { client, device } = await connect(new VirtualPicobootDevice({ realTimeScale: 1 }));
    await client.reboot(0, 0, 2_000);
    expect(await statusOf(client.exitXip())).toBe("REBOOTING");
    await device.close();
  });

  it("reports a stall that the boot ROM does not explain as a protocol error", async () => {
    const device = new VirtualPicobootDevice();
    const { client } = await connect(device);
    // A halted OUT endpoint left over from garbage sent behind the client's back.
    await device.transferOut(3, new Uint8Array(5));
    const failure = await client.exitXip().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PicobootProtocolError);
    expect((failure as Error).message).toMatch(/stalled without reading the command/);
  });
});
