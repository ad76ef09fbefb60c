/** The virtual ST-LINK's flash models, driven register by register as a debugger would. */
import { describe, expect, it } from "vitest";

import { VirtualStlinkDevice, type VirtualStlinkOptions } from "../../../e2e/fixtures/virtual-stlink";
import { probeModelOf, ProbeLostError, ProbeStatusError, StlinkProbe } from "./stlink-probe";

const F1 = { KEYR: 0x4002_2004, SR: 0x4002_200c, CR: 0x4002_2010, AR: 0x4002_2014 };
const F4 = { KEYR: 0x4002_3c04, SR: 0x4002_3c0c, CR: 0x4002_3c10 };
const KEY1 = 0x4567_0123;
const KEY2 = 0xcdef_89ab;
const FLASH = 0x0800_0000;

async function connect(options: VirtualStlinkOptions = {}) {
  const device = new VirtualStlinkDevice(options);
  const probe = await StlinkProbe.open(device, probeModelOf(device)!);
  await probe.enterSwd();
  return { device, probe };
}

async function unlock(probe: StlinkProbe, keyr: number) {
  await probe.writeDebug32(keyr, KEY1);
  await probe.writeDebug32(keyr, KEY2);
}

describe("virtual STM32F103 FPEC", () => {
  it("programs half-words only onto erased cells (PGERR otherwise, 0x0000 excepted)", async () => {
    const { device, probe } = await connect();
    await unlock(probe, F1.KEYR);
    await probe.writeDebug32(F1.CR, 1); // PG
    await probe.writeMemory(2, FLASH, Uint8Array.of(0x34, 0x12));
    expect(await probe.readDebug32(F1.SR)).toBe(1 << 5); // EOP
    await probe.writeMemory(2, FLASH, Uint8Array.of(0x00, 0x10));
    expect((await probe.readDebug32(F1.SR)) & (1 << 2)).toBe(1 << 2); // PGERR
    expect([...device.memory.subarray(0, 2)]).toEqual([0x34, 0x12]);
    await probe.writeMemory(2, FLASH, Uint8Array.of(0, 0));
    expect([...device.memory.subarray(0, 2)]).toEqual([0, 0]);
  });

  it("fails word writes to flash on the bus", async () => {
    const { probe } = await connect();
    await unlock(probe, F1.KEYR);
    await probe.writeDebug32(F1.CR, 1);
    await expect(probe.writeMemory(4, FLASH, new Uint8Array(4))).rejects.toMatchObject({
      name: "ProbeStatusError",
      status: 0x11,
      faultAddress: FLASH,
    });
  });

  it("stays locked after a wrong key until the next reset", async () => {
    const { probe } = await connect();
    await probe.writeDebug32(F1.KEYR, 0x1234);
    await unlock(probe, F1.KEYR);
    expect((await probe.readDebug32(F1.CR)) & 0x80).toBe(0x80);
    await probe.resetSystem();
    await unlock(probe, F1.KEYR);
    expect((await probe.readDebug32(F1.CR)) & 0x80).toBe(0);
  });

  it("keeps BSY set while a page erase runs, then reports EOP", async () => {
    const { device, probe } = await connect({ busyPolls: 3 });
    device.memory.fill(0, 1024, 2048);
    await unlock(probe, F1.KEYR);
    await probe.writeDebug32(F1.CR, 2); // PER
    await probe.writeDebug32(F1.AR, FLASH + 1024);
    await probe.writeDebug32(F1.CR, 2 | 0x40); // PER | STRT
    const reads = [];
    for (let i = 0; i < 4; i++) reads.push(await probe.readDebug32(F1.SR));
    expect(reads).toEqual([1, 1, 1, 1 << 5]);
    expect(device.memory.subarray(1024, 2048).every((byte) => byte === 0xff)).toBe(true);
    expect(device.target.flash.erased).toEqual([1]);
  });
});

describe("virtual STM32F401 flash interface", () => {
  it("answers a wrong key with a bus error and stays locked", async () => {
    const { probe } = await connect({ chip: "stm32f401re" });
    await expect(probe.writeDebug32(F4.KEYR, 0xdead)).rejects.toBeInstanceOf(ProbeStatusError);
    await expect(probe.writeDebug32(F4.KEYR, KEY1)).rejects.toBeInstanceOf(ProbeStatusError);
    expect((await probe.readDebug32(F4.CR)) >>> 31).toBe(1);
  });

  it("sets PGPERR when the access width does not match PSIZE", async () => {
    const { device, probe } = await connect({ chip: "stm32f401re" });
    await unlock(probe, F4.KEYR);
    await probe.writeDebug32(F4.CR, 1 | (2 << 8)); // PG, x32
    await probe.writeMemory(2, FLASH, Uint8Array.of(1, 2));
    expect((await probe.readDebug32(F4.SR)) & (1 << 6)).toBe(1 << 6);
    expect(device.memory[0]).toBe(0xff);
    await probe.writeMemory(4, FLASH, Uint8Array.of(1, 2, 3, 4));
    expect([...device.memory.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
  });
});

describe("virtual ST-LINK probe", () => {
  it("ignores commands old firmware lacks, so their data phase is misread as a command", async () => {
    const { device, probe } = await connect({ firmware: { stlink: 2, jtag: 17, third: 4 } });
    expect((await probe.version()).label).toBe("V2J17S4");
    await probe.writeMemory(2, 0x2000_0000, Uint8Array.of(0x55, 0xaa));
    expect(device.engine.unsupportedCommands).toBe(1);
    expect(device.log).toContain("BAD command block of 2 bytes");
    expect([...device.target.sram.subarray(0, 2)]).toEqual([0, 0]);
  });

  it("reports the target voltage and refuses SWD without power", async () => {
    const device = new VirtualStlinkDevice({ targetVolts: 0 });
    const probe = await StlinkProbe.open(device, probeModelOf(device)!);
    expect(await probe.targetVoltage()).toBeCloseTo(0, 2);
    await expect(probe.enterSwd()).rejects.toMatchObject({ status: 0x09 });
    const powered = new VirtualStlinkDevice({ targetVolts: 3.3 });
    expect(await (await StlinkProbe.open(powered, probeModelOf(powered)!)).targetVoltage()).toBeCloseTo(3.3, 2);
  });

  it("throws on every transfer once unplugged, like a pulled cable", async () => {
    const { device, probe } = await connect();
    device.disconnect("test");
    await expect(probe.version()).rejects.toBeInstanceOf(ProbeLostError);
    await expect(device.transferIn(1, 2)).rejects.toMatchObject({ name: "NotFoundError" });
  });
});
