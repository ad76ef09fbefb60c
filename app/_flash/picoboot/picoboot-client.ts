/**
 * One PICOBOOT conversation over a WebUSB-shaped device: command block on the bulk OUT endpoint, data
 * phase, zero-length status phase in the opposite direction. A stall means the boot ROM refused the
 * command; GET_COMMAND_STATUS says why. Failures surface as the four error classes below.
 */
import type { UsbControlSetup, UsbDeviceLike } from "../types";
import {
  type CommandBlock,
  type CommandStatus,
  commands,
  COMMAND_BLOCK_BYTES,
  COMMAND_STATUS_BYTES,
  decodeCommandStatus,
  encodeCommand,
  PicobootRequest,
  PicobootStatus,
  statusName,
} from "./picoboot-protocol";

export interface PicobootEndpoints {
  interfaceNumber: number;
  outEndpoint: number;
  inEndpoint: number;
}

/** The boot ROM stalled a command and its command status names the reason. */
export class PicobootStatusError extends Error {
  override readonly name = "PicobootStatusError";
  constructor(
    readonly status: number,
    readonly operation: string,
  ) {
    super(`${operation}: ${statusName(status)}`);
  }
  get statusName(): string {
    return statusName(this.status);
  }
}

/** A transfer was rejected: the Pico left the bus (unplugged, reset) or the browser dropped it. */
export class PicobootDeviceLostError extends Error {
  override readonly name = "PicobootDeviceLostError";
  constructor(
    readonly operation: string,
    readonly reason: unknown,
  ) {
    const why = reason instanceof Error ? reason.message : String(reason);
    super(`${operation} failed: the device stopped answering (${why.replace(/\.$/, "")}).`);
  }
}

/** An answer made no sense, or a stall came without a reason. */
export class PicobootProtocolError extends Error {
  override readonly name = "PicobootProtocolError";
}

/** The device accepted a command but never finished it. */
export class PicobootTimeoutError extends Error {
  override readonly name = "PicobootTimeoutError";
}

export function abortError(): DOMException {
  return new DOMException("Flashing was cancelled.", "AbortError");
}

export interface PicobootClientOptions {
  /** Longest wait for one bulk transfer (picotool allows 10 s). */
  transferTimeoutMs?: number;
  /** Extra wait per 4 KiB sector for an erase's status phase (W25Q16 worst case: 400 ms). */
  eraseTimeoutPerSectorMs?: number;
  signal?: AbortSignal;
}

type TransferStatus = "ok" | "stall" | "babble";

export class PicobootClient {
  private token = 1;
  /** Commands sent so far, for diagnostics and tests. */
  commandsSent = 0;
  private readonly transferTimeoutMs: number;
  private readonly eraseTimeoutPerSectorMs: number;

  constructor(
    readonly device: UsbDeviceLike,
    readonly endpoints: PicobootEndpoints,
    private readonly options: PicobootClientOptions = {},
  ) {
    this.transferTimeoutMs = options.transferTimeoutMs ?? 10_000;
    this.eraseTimeoutPerSectorMs = options.eraseTimeoutPerSectorMs ?? 500;
  }

  private setup(request: number): UsbControlSetup {
    return { requestType: "vendor", recipient: "interface", request, value: 0, index: this.endpoints.interfaceNumber };
  }

  /** Races a transfer against the timeout and the abort signal; a rejected transfer means the device is gone. */
  private async guarded<T>(operation: string, start: () => Promise<T>, timeoutMs: number): Promise<T> {
    const { signal } = this.options;
    if (signal?.aborted) throw abortError();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort = () => {};
    const guard = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new PicobootTimeoutError(`${operation} got no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      onAbort = () => reject(abortError());
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    const transfer = (async () => {
      try {
        return await start();
      } catch (error) {
        throw signal?.aborted ? abortError() : new PicobootDeviceLostError(operation, error);
      }
    })();
    try {
      return await Promise.race([transfer, guard]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Clears halted endpoints, then INTERFACE_RESET: forgets any command a previous session left behind. */
  async resetInterface(): Promise<void> {
    const { device, endpoints } = this;
    const operation = "INTERFACE_RESET";
    const result = await this.guarded(
      operation,
      async () => {
        // Best effort: the host side of a stalled endpoint needs it; a device that is gone fails the reset below.
        await device.clearHalt?.("in", endpoints.inEndpoint).catch(() => undefined);
        await device.clearHalt?.("out", endpoints.outEndpoint).catch(() => undefined);
        return device.controlTransferOut(this.setup(PicobootRequest.INTERFACE_RESET));
      },
      this.transferTimeoutMs,
    );
    if (result.status !== "ok")
      throw new PicobootProtocolError(`${operation}: the device answered with ${result.status}.`);
  }

  async commandStatus(): Promise<CommandStatus> {
    const operation = "GET_COMMAND_STATUS";
    const result = await this.guarded(
      operation,
      () => this.device.controlTransferIn(this.setup(PicobootRequest.GET_COMMAND_STATUS), COMMAND_STATUS_BYTES),
      this.transferTimeoutMs,
    );
    if (result.status !== "ok" || !result.data) {
      throw new PicobootProtocolError(`${operation}: the device answered with ${result.status}.`);
    }
    return decodeCommandStatus(result.data);
  }

  /** Runs one command: block, data phase (`payload` out, or `block.transferLength` bytes in), status phase. */
  async run(
    block: Omit<CommandBlock, "token">,
    operation: string,
    payload?: Uint8Array,
    statusTimeoutMs?: number,
  ): Promise<Uint8Array> {
    const { device, endpoints } = this;
    if (!device.transferIn || !device.transferOut) {
      throw new PicobootProtocolError(
        "This browser's USB device has no bulk transfers (WebUSB transferIn/transferOut).",
      );
    }
    const transferIn = device.transferIn.bind(device);
    const transferOut = device.transferOut.bind(device);
    const token = this.token++;
    const inbound = (block.id & 0x80) !== 0;
    this.commandsSent++;

    const sent = await this.bulk(
      operation,
      () => transferOut(endpoints.outEndpoint, encodeCommand({ ...block, token })),
      this.transferTimeoutMs,
    );
    await this.expectOk(sent.status, operation, token);
    if (sent.bytesWritten !== COMMAND_BLOCK_BYTES) {
      throw new PicobootProtocolError(
        `${operation}: the device took ${sent.bytesWritten} of ${COMMAND_BLOCK_BYTES} command bytes.`,
      );
    }

    let received: Uint8Array = new Uint8Array(0);
    if (block.transferLength > 0 && inbound) {
      const result = await this.bulk(
        operation,
        () => transferIn(endpoints.inEndpoint, block.transferLength),
        this.transferTimeoutMs,
      );
      await this.expectOk(result.status, operation, token);
      const view = result.data;
      received = view ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice() : received;
      if (received.length !== block.transferLength) {
        throw new PicobootProtocolError(
          `${operation}: asked for ${block.transferLength} bytes, got ${received.length}.`,
        );
      }
    } else if (block.transferLength > 0) {
      const data = payload ?? new Uint8Array(0);
      const result = await this.bulk(
        operation,
        () => transferOut(endpoints.outEndpoint, data.slice()),
        this.transferTimeoutMs,
      );
      await this.expectOk(result.status, operation, token);
      if (result.bytesWritten !== data.length) {
        throw new PicobootProtocolError(
          `${operation}: the device took ${result.bytesWritten} of ${data.length} bytes.`,
        );
      }
    }

    // The status phase only completes once the ROM has finished the command (an erase takes a while).
    const ackTimeout = statusTimeoutMs ?? this.transferTimeoutMs;
    const ack = inbound
      ? await this.bulk(operation, () => transferOut(endpoints.outEndpoint, new Uint8Array(0)), ackTimeout)
      : await this.bulk(operation, () => transferIn(endpoints.inEndpoint, 64), ackTimeout);
    await this.expectOk(ack.status, operation, token);
    if ("data" in ack && ack.data && ack.data.byteLength > 0) {
      throw new PicobootProtocolError(
        `${operation}: the status phase carried ${ack.data.byteLength} bytes instead of none.`,
      );
    }
    return received;
  }

  /** A stall: ask the ROM why, then clear the halt so the interface is usable again. */
  private async expectOk(status: TransferStatus, operation: string, token: number): Promise<void> {
    if (status === "ok") return;
    if (status !== "stall") throw new PicobootProtocolError(`${operation}: the device answered with ${status}.`);
    const report = await this.commandStatus();
    await this.resetInterface().catch(() => undefined);
    if (report.token === token && report.code !== PicobootStatus.OK)
      throw new PicobootStatusError(report.code, operation);
    if (report.token !== token) {
      throw new PicobootProtocolError(
        `${operation}: the boot ROM stalled without reading the command (is this a PICOBOOT device?).`,
      );
    }
    throw new PicobootProtocolError(`${operation}: the boot ROM stalled but reports ${statusName(report.code)}.`);
  }

  /** A bulk transfer; when it times out, the command status tells whether the ROM is still busy with it. */
  private bulk<T>(operation: string, start: () => Promise<T>, timeoutMs: number): Promise<T> {
    return this.guarded(operation, start, timeoutMs).catch((error: unknown) => this.explainTimeout(error, operation));
  }

  private async explainTimeout(error: unknown, operation: string): Promise<never> {
    if (!(error instanceof PicobootTimeoutError)) throw error;
    const report = await this.commandStatus().catch(() => undefined);
    const state = report?.inProgress ? "the boot ROM still reports it in progress" : "the boot ROM sent no status";
    throw new PicobootTimeoutError(
      `${operation} did not finish: ${error.message.replace(/^.* got /, "got ")} and ${state}`,
    );
  }

  async exclusiveAccess(mode: number): Promise<void> {
    await this.run(commands.exclusiveAccess(mode), "EXCLUSIVE_ACCESS");
  }

  async exitXip(): Promise<void> {
    await this.run(commands.exitXip(), "EXIT_XIP");
  }

  async flashErase(address: number, size: number): Promise<void> {
    const sectors = Math.ceil(size / 4096);
    await this.run(
      commands.flashErase(address, size),
      `FLASH_ERASE ${hex(address)}+${size}`,
      undefined,
      this.transferTimeoutMs + sectors * this.eraseTimeoutPerSectorMs,
    );
  }

  async write(address: number, data: Uint8Array): Promise<void> {
    await this.run(commands.write(address, data.length), `WRITE ${hex(address)}+${data.length}`, data);
  }

  async read(address: number, length: number): Promise<Uint8Array> {
    return this.run(commands.read(address, length), `READ ${hex(address)}+${length}`);
  }

  async reboot(pc: number, sp: number, delayMs: number): Promise<void> {
    await this.run(commands.reboot(pc, sp, delayMs), "REBOOT");
  }
}

export const hex = (value: number) => `0x${value.toString(16).padStart(8, "0")}`;
