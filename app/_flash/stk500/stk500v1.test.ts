import { describe, expect, it } from "vitest";
import { virtualOldNano, virtualUno, type VirtualOptibootPort } from "../../../e2e/fixtures/virtual-optiboot";
import { SerialLink } from "./serial-link";
import { STK, Stk500v1Client } from "./stk500v1";

const DEVICE = { pageSize: 128, flashBytes: 32768, eepromBytes: 1024 };

/** Opens, pulses DTR/RTS and returns a link and client, not yet synced. */
async function connect(port: VirtualOptibootPort, baud = 115200) {
  const link = await SerialLink.open(port, baud);
  await link.setSignals({ dataTerminalReady: false, requestToSend: false });
  await link.setSignals({ dataTerminalReady: true, requestToSend: true });
  return { link, client: new Stk500v1Client(link, DEVICE, 200, baud) };
}

describe("Stk500v1Client against the virtual Optiboot", () => {
  it("syncs, identifies and round-trips a page", async () => {
    const port = virtualUno();
    const { link, client } = await connect(port);
    try {
      expect(await client.sync(3, 50)).toBe(true);
      expect(await client.identify()).toEqual({
        signature: [0x1e, 0x95, 0x0f],
        detail: "Optiboot 8.0 at 115200 baud",
      });
      const page = Uint8Array.from({ length: 128 }, (_, i) => i);
      await client.writePage(0x100, page);
      expect(await client.readPage(0x100, 128)).toEqual(page);
      expect(port.log).toContain("LOAD_ADDRESS 0x0100"); // byte 0x100 = word 0x80, sent little-endian
      await client.leave();
      expect(port.inBootloader).toBe(false);
    } finally {
      await link.close();
    }
    expect(port.opened).toBe(false);
  });

  it("ignores writes into the bootloader section, like Optiboot under its lock bits", async () => {
    const port = virtualUno();
    const { link, client } = await connect(port);
    try {
      expect(await client.sync(3, 50)).toBe(true);
      const before = await client.readPage(0x7e00, 128);
      await client.writePage(0x7e00, new Uint8Array(128));
      expect(await client.readPage(0x7e00, 128)).toEqual(before);
      expect(before.some((b) => b !== 0xff && b !== 0)).toBe(true);
      expect(port.log).toContain("write to 0x7e00 ignored: bootloader section is protected");
    } finally {
      await link.close();
    }
  });

  it("quits the bootloader on a command without Sync_CRC_EOP (verifySpace)", async () => {
    const port = virtualUno();
    const { link, client } = await connect(port);
    try {
      await link.write(Uint8Array.from([STK.GET_SYNC, 0x31]));
      expect(await client.sync(2, 30)).toBe(false);
      expect(port.log).toContain("exit: verifySpace: no Sync_CRC_EOP");
    } finally {
      await link.close();
    }
  });

  it("hears only noise at the wrong baud", async () => {
    const port = virtualUno();
    const { link, client } = await connect(port, 57600);
    try {
      expect(await client.sync(2, 30)).toBe(false);
      expect(port.log.some((l) => l.startsWith("noise:"))).toBe(true);
    } finally {
      await link.close();
    }
  });

  it("speaks to the old ATmegaBOOT at 57600 baud", async () => {
    const port = virtualOldNano();
    const { link, client } = await connect(port, 57600);
    try {
      expect(await client.sync(2, 50)).toBe(true);
      expect((await client.identify()).detail).toBe("STK500v1 bootloader 1.16 at 57600 baud");
    } finally {
      await link.close();
    }
  });

  it("refuses to close while the flasher still holds a stream lock", async () => {
    const port = virtualUno();
    await port.open({ baudRate: 115200 });
    const reader = port.readable!.getReader();
    await expect(port.close()).rejects.toThrow(/locked stream/);
    reader.releaseLock();
    await port.close();
    expect(port.opened).toBe(false);
  });
});
