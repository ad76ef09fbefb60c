/**
 * Typed USB DFU 1.1 requests (with ST's DfuSe extensions) over a WebUSB-shaped device. Nothing here
 * knows about flashing progress; failures surface as the three error classes below.
 */
import type { UsbControlSetup, UsbDeviceLike } from "../types";
import { DfuRequest, DfuseCommand, DfuState, stateName, statusMessage, statusName } from "./dfu-constants";

export * from "./dfu-constants";

export interface DfuStatusReport {
  status: number;
  /** bwPollTimeout: how long the host must wait before the next GETSTATUS. */
  pollTimeoutMs: number;
  state: number;
  iString: number;
}

/** The device reported dfuERROR (or stalled a request and then reported why). */
export class DfuStatusError extends Error {
  override readonly name = "DfuStatusError";
  constructor(
    readonly status: number,
    readonly state: number,
    readonly operation: string,
  ) {
    super(`${operation}: ${statusMessage(status)}`);
  }
  get statusName(): string {
    return statusName(this.status);
  }
}

/** A transfer was rejected: the device went away (unplugged, reset, re-enumerated). */
export class DfuDeviceLostError extends Error {
  override readonly name = "DfuDeviceLostError";
  constructor(
    readonly operation: string,
    readonly reason: unknown,
  ) {
    const why = reason instanceof Error ? reason.message : String(reason);
    super(`${operation} failed: the device stopped answering (${why.replace(/\.$/, "")}).`);
  }
}

/** A transfer completed with a stall/babble, or an answer made no sense. */
export class DfuProtocolError extends Error {
  override readonly name = "DfuProtocolError";
}

/** The device stayed busy longer than the client is willing to wait. */
export class DfuTimeoutError extends Error {
  override readonly name = "DfuTimeoutError";
}

export function abortError(): DOMException {
  return new DOMException("Flashing was cancelled.", "AbortError");
}

/** Sleeps at least `ms` by performance.now(), so a device that measures bwPollTimeout is never rushed. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (signal?.aborted) throw abortError();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(1, Math.ceil(until - performance.now())));
      signal?.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
    });
  }
  if (signal?.aborted) throw abortError();
}

/** States that mean "still working, ask again after bwPollTimeout". */
const BUSY_STATES: ReadonlySet<number> = new Set([DfuState.dfuDNLOAD_SYNC, DfuState.dfuDNBUSY]);

export class DfuClient {
  /** Longest time one DNLOAD may keep the device busy (a 128 KiB F4 sector erase takes up to 4 s). */
  busyTimeoutMs = 30_000;
  /** GETSTATUS requests sent so far (handy for tests and diagnostics). */
  statusRequests = 0;

  constructor(
    readonly device: UsbDeviceLike,
    readonly interfaceNumber: number,
    readonly transferSize: number,
    private readonly signal?: AbortSignal,
  ) {}

  private setup(request: number, value = 0): UsbControlSetup {
    return { requestType: "class", recipient: "interface", request, value, index: this.interfaceNumber };
  }

  private async transferIn(operation: string, request: number, value: number, length: number): Promise<DataView> {
    if (this.signal?.aborted) throw abortError();
    let result;
    try {
      result = await this.device.controlTransferIn(this.setup(request, value), length);
    } catch (error) {
      throw new DfuDeviceLostError(operation, error);
    }
    if (result.status === "stall" && request !== DfuRequest.GETSTATUS) await this.explainStall(operation);
    if (result.status !== "ok") throw new DfuProtocolError(`${operation}: the device answered with ${result.status}.`);
    return result.data ?? new DataView(new ArrayBuffer(0));
  }

  private async transferOut(operation: string, request: number, value: number, data?: Uint8Array): Promise<void> {
    if (this.signal?.aborted) throw abortError();
    let result;
    try {
      result = await this.device.controlTransferOut(this.setup(request, value), data?.slice());
    } catch (error) {
      throw new DfuDeviceLostError(operation, error);
    }
    if (result.status === "stall") await this.explainStall(operation);
    if (result.status !== "ok") throw new DfuProtocolError(`${operation}: the device answered with ${result.status}.`);
  }

  /** A stalled request leaves the device in dfuERROR; GETSTATUS tells why. */
  private async explainStall(operation: string): Promise<never> {
    const report = await this.getStatus();
    if (report.state === DfuState.dfuERROR) throw new DfuStatusError(report.status, report.state, operation);
    throw new DfuProtocolError(`${operation}: the device stalled the request (${stateName(report.state)}).`);
  }

  async getStatus(): Promise<DfuStatusReport> {
    this.statusRequests++;
    const view = await this.transferIn("DFU_GETSTATUS", DfuRequest.GETSTATUS, 0, 6);
    if (view.byteLength < 6) throw new DfuProtocolError(`DFU_GETSTATUS: expected 6 bytes, got ${view.byteLength}.`);
    return {
      status: view.getUint8(0),
      pollTimeoutMs: view.getUint8(1) | (view.getUint8(2) << 8) | (view.getUint8(3) << 16),
      state: view.getUint8(4),
      iString: view.getUint8(5),
    };
  }

  async getState(): Promise<number> {
    const view = await this.transferIn("DFU_GETSTATE", DfuRequest.GETSTATE, 0, 1);
    if (view.byteLength < 1) throw new DfuProtocolError("DFU_GETSTATE: empty answer.");
    return view.getUint8(0);
  }

  async clearStatus(): Promise<void> {
    await this.transferOut("DFU_CLRSTATUS", DfuRequest.CLRSTATUS, 0);
  }

  async abort(): Promise<void> {
    await this.transferOut("DFU_ABORT", DfuRequest.ABORT, 0);
  }

  async dnload(blockNum: number, data: Uint8Array, operation = `DFU_DNLOAD block ${blockNum}`): Promise<void> {
    await this.transferOut(operation, DfuRequest.DNLOAD, blockNum, data);
  }

  async upload(blockNum: number, length: number): Promise<Uint8Array> {
    const view = await this.transferIn(`DFU_UPLOAD block ${blockNum}`, DfuRequest.UPLOAD, blockNum, length);
    return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  }

  /**
   * Polls GETSTATUS until the device leaves dfuDNLOAD_SYNC/dfuDNBUSY, waiting bwPollTimeout before
   * each follow-up request. Throws DfuStatusError when the device ends in dfuERROR.
   */
  async waitUntilIdle(operation: string): Promise<DfuStatusReport> {
    const started = performance.now();
    for (;;) {
      const report = await this.getStatus();
      if (report.state === DfuState.dfuERROR) throw new DfuStatusError(report.status, report.state, operation);
      if (!BUSY_STATES.has(report.state)) return report;
      if (performance.now() - started + report.pollTimeoutMs > this.busyTimeoutMs) {
        throw new DfuTimeoutError(`${operation}: the device was still busy after ${this.busyTimeoutMs} ms.`);
      }
      if (report.pollTimeoutMs > 0) await sleep(report.pollTimeoutMs, this.signal);
    }
  }

  /** DNLOAD then poll until the device has finished with the block. */
  async download(blockNum: number, data: Uint8Array, operation?: string): Promise<DfuStatusReport> {
    const name = operation ?? `DFU_DNLOAD block ${blockNum}`;
    await this.dnload(blockNum, data, name);
    return this.waitUntilIdle(name);
  }

  /** Brings the device back to dfuIDLE from wherever it is (clearing dfuERROR, aborting transfers). */
  async abortToIdle(): Promise<void> {
    let report = await this.getStatus();
    if (report.state === DfuState.dfuERROR) {
      await this.clearStatus();
      report = await this.getStatus();
    }
    if (report.state !== DfuState.dfuIDLE) {
      await this.abort();
      report = await this.getStatus();
    }
    if (report.state === DfuState.dfuERROR) throw new DfuStatusError(report.status, report.state, "DFU_ABORT");
    if (report.state !== DfuState.dfuIDLE) {
      throw new DfuProtocolError(`The device would not return to dfuIDLE (it is in ${stateName(report.state)}).`);
    }
  }

  private async dfuseCommand(command: number, address: number | undefined, operation: string): Promise<void> {
    const payload = new Uint8Array(address === undefined ? 1 : 5);
    payload[0] = command;
    if (address !== undefined) new DataView(payload.buffer).setUint32(1, address, true);
    await this.download(0, payload, operation);
  }

  /** DfuSe 0x21: later blocks n ≥ 2 go to (or come from) address + (n − 2) × transferSize. */
  async setAddress(address: number): Promise<void> {
    await this.dfuseCommand(DfuseCommand.SET_ADDRESS, address, `Set address 0x${address.toString(16)}`);
  }

  /** DfuSe 0x41 with an address: erases the page/sector holding `address`. */
  async eraseSector(address: number): Promise<void> {
    await this.dfuseCommand(DfuseCommand.ERASE, address, `Erase sector 0x${address.toString(16)}`);
  }
}
