import { describe, expect, it } from "vitest";

import { VirtualDfuseDevice, type VirtualDfuseOptions } from "../../../e2e/fixtures/virtual-dfuse";
import type { UsbControlSetup } from "../types";
import {
  DfuClient,
  DfuDeviceLostError,
  DfuRequest,
  DfuState,
  DfuStatus,
  DfuStatusError,
  sleep,
  stateName,
  statusMessage,
  statusName,
} from "./dfu-protocol";

async function connect(options: VirtualDfuseOptions = {}) {
  const device = new VirtualDfuseDevice(options);
  await device.open();
  await device.selectConfiguration(1);
  await device.claimInterface(0);
  await device.selectAlternateInterface(0, 0);
  return { device, client: new DfuClient(device, 0, options.transferSize ?? 2048) };
}

const FLASH = 0x0800_0000;

describe("status and state names", () => {
  it("names codes and explains them", () => {
    expect(statusName(DfuStatus.errWRITE)).toBe("errWRITE");
    expect(statusMessage(DfuStatus.errWRITE)).toBe(
      "The chip refused a write (errWRITE): the sector may be write-protected.",
    );
    expect(statusMessage(DfuStatus.errADDRESS)).toMatch(/outside the chip's memory/);
    expect(statusMessage(DfuStatus.errVERIFY)).toMatch(/errVERIFY/);
    expect(statusName(0x42)).toBe("status 0x42");
    expect(statusMessage(0x42)).toMatch(/undefined DFU status/);
    expect(stateName(DfuState.dfuDNBUSY)).toBe("dfuDNBUSY");
    expect(stateName(99)).toBe("state 99");
  });
});

describe("DfuClient against the virtual STM32 ROM", () => {
  it("starts idle and lists the DfuSe commands", async () => {
    const { client } = await connect();
    expect(await client.getStatus()).toEqual({ status: 0, pollTimeoutMs: 0, state: DfuState.dfuIDLE, iString: 0 });
    expect([...(await client.upload(0, 4))]).toEqual([0x00, 0x21, 0x41, 0x92]);
    expect(await client.getState()).toBe(DfuState.dfuUPLOAD_IDLE);
    await client.abortToIdle();
    expect(await client.getState()).toBe(DfuState.dfuIDLE);
  });

  it("erases, writes at pointer + (block − 2) × transferSize and reads back", async () => {
    const { client, device } = await connect();
    await client.eraseSector(0x0800_4000);
    await client.setAddress(0x0800_4000);
    const block = Uint8Array.from({ length: 2048 }, (_, i) => i & 0xff);
    await client.download(3, block);
    expect([...device.memory.subarray(0x4800, 0x4804)]).toEqual([0, 1, 2, 3]);
    expect(device.memory[0x4000]).toBe(0xff);
    await client.abort();
    expect(await client.upload(3, 2048)).toEqual(block);
    expect(device.erasedSectors).toEqual([0x0800_4000]);
  });

  it("refuses to program flash that was not erased (errPROG) and recovers with CLRSTATUS", async () => {
    const { client, device } = await connect();
    device.memory.fill(0x00, 0, 16);
    await client.setAddress(FLASH);
    const error = await client.download(2, new Uint8Array(16).fill(0x5a)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DfuStatusError);
    expect((error as DfuStatusError).statusName).toBe("errPROG");
    expect(await client.getState()).toBe(DfuState.dfuERROR);
    await client.abortToIdle();
    expect(await client.getState()).toBe(DfuState.dfuIDLE);
    expect(device.memory[0]).toBe(0x00);
  });

  it("rejects addresses outside the memory", async () => {
    const { client } = await connect();
    await expect(client.setAddress(0x2000_0000)).rejects.toMatchObject({ statusName: "errTARGET" });
    await client.abortToIdle();
    await client.setAddress(0x080f_ff00);
    await expect(client.download(2, new Uint8Array(512))).rejects.toMatchObject({ statusName: "errADDRESS" });
  });

  it("explains a stalled request with the status that follows it", async () => {
    const { client } = await connect();
    await expect(client.clearStatus()).rejects.toMatchObject({ statusName: "errSTALLEDPKT" });
    await client.abortToIdle();
    await expect(client.dnload(1, new Uint8Array(4))).rejects.toBeInstanceOf(DfuStatusError);
  });

  it("waits bwPollTimeout between GETSTATUS requests", async () => {
    const { client, device } = await connect({ pollTimeoutMs: 30 });
    const started = performance.now();
    await client.eraseSector(FLASH);
    await client.setAddress(FLASH);
    expect(performance.now() - started).toBeGreaterThanOrEqual(60);
    expect(device.prematureStatusRequests).toBe(0);
  });

  it("answers dfuDNBUSY to a host that ignores bwPollTimeout", async () => {
    const { client, device } = await connect({ pollTimeoutMs: 50 });
    await client.dnload(0, Uint8Array.from([0x41, 0x00, 0x00, 0x00, 0x08]));
    const first = await client.getStatus();
    expect(first).toMatchObject({ state: DfuState.dfuDNBUSY, pollTimeoutMs: 50 });
    expect((await client.getStatus()).state).toBe(DfuState.dfuDNBUSY);
    expect((await client.getStatus()).state).toBe(DfuState.dfuDNBUSY);
    expect(device.prematureStatusRequests).toBe(2);
    await sleep(50);
    expect((await client.getStatus()).state).toBe(DfuState.dfuDNLOAD_IDLE);
  });

  it("manifests on a zero-length DNLOAD, then drops off the bus", async () => {
    const { client, device } = await connect();
    await client.setAddress(FLASH);
    await client.dnload(0, new Uint8Array(0));
    expect((await client.getStatus()).state).toBe(DfuState.dfuMANIFEST);
    expect(device.disconnected).toBe(true);
    const lost = await client.getStatus().catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(DfuDeviceLostError);
    expect((lost as DfuDeviceLostError).reason).toMatchObject({ name: "NotFoundError" });
    await expect(device.open()).rejects.toMatchObject({ name: "NotFoundError" });
  });

  it("requires the interface to be claimed", async () => {
    const device = new VirtualDfuseDevice();
    await device.open();
    const setup: UsbControlSetup = {
      requestType: "class",
      recipient: "interface",
      request: DfuRequest.GETSTATUS,
      value: 0,
      index: 0,
    };
    await expect(device.controlTransferIn(setup, 6)).rejects.toMatchObject({ name: "InvalidStateError" });
  });

  it("aborts a poll wait when the signal fires", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(sleep(10_000, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});
