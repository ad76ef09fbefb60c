/** The virtual Pico's own behaviour: the flash and boot ROM traits the flasher has to cope with. */
import { describe, expect, it } from "vitest";

import { VirtualPicobootDevice } from "../../../e2e/fixtures/virtual-picoboot";
import { PicobootClient } from "./picoboot-client";
import { openPicoboot } from "./picoboot-target";

async function connect(device = new VirtualPicobootDevice()) {
  const client = new PicobootClient(device, await openPicoboot(device));
  await client.resetInterface();
  await client.exitXip();
  return { device, client };
}

describe("VirtualPicobootDevice", () => {
  it("behaves like NOR flash: programming without an erase only clears bits", async () => {
    const { client, device } = await connect();
    await client.flashErase(0x1000_0000, 4096);
    await client.write(0x1000_0000, new Uint8Array(256).fill(0xf0));
    await client.write(0x1000_0000, new Uint8Array(256).fill(0x0f));
    expect(device.memory[0]).toBe(0x00);
    await client.flashErase(0x1000_0000, 4096);
    expect(device.memory.subarray(0, 4096).every((byte) => byte === 0xff)).toBe(true);
  });

  it("lets addresses past the 2 MiB chip wrap to its start, as the real part does", async () => {
    const { client, device } = await connect();
    await client.flashErase(0x1020_0000, 4096);
    await client.write(0x1020_0000, new Uint8Array(256).fill(0x5a));
    expect(device.memory[0]).toBe(0x5a);
  });

  it("programs the stale rest of the ROM's page buffer when a write ends mid-page", async () => {
    const { client, device } = await connect();
    await client.flashErase(0x1000_0000, 4096);
    await client.write(0x1000_0000, new Uint8Array(256).fill(0x11));
    await client.write(0x1000_0100, new Uint8Array(16).fill(0x22));
    expect(device.memory.subarray(0x100, 0x110).every((byte) => byte === 0x22)).toBe(true);
    expect(device.memory.subarray(0x110, 0x200).every((byte) => byte === 0x11)).toBe(true);
  });

  it("falls back to BOOTSEL on reboot when boot2's CRC does not match", async () => {
    const { client, device } = await connect();
    await client.reboot(0, 0, 100);
    await Promise.resolve();
    expect(device.bootedInto).toBe("bootsel");
    expect(device.disconnected).toBe(true);
  });

  it("books modelled time for every erase, page and transfer", async () => {
    const { client, device } = await connect();
    const before = device.modelledTime;
    await client.flashErase(0x1000_0000, 8192);
    await client.write(0x1000_0000, new Uint8Array(1024));
    const after = device.modelledTime;
    expect(after.eraseUs - before.eraseUs).toBe(2 * 45_000);
    expect(after.programUs - before.programUs).toBe(4 * 800);
    expect(after.usbUs - before.usbUs).toBeGreaterThan(1024);
  });

  it("keeps the mass-storage interface to the OS and has no PICOBOOT endpoints when running a program", async () => {
    const bootsel = new VirtualPicobootDevice();
    await bootsel.open();
    await bootsel.selectConfiguration(1);
    await expect(bootsel.claimInterface(0)).rejects.toMatchObject({ name: "SecurityError" });
    const running = new VirtualPicobootDevice({ mode: "application" });
    await running.open();
    await running.selectConfiguration(1);
    await running.claimInterface(2);
    await expect(running.transferOut(3, new Uint8Array(32))).rejects.toMatchObject({ name: "NotFoundError" });
  });
});
