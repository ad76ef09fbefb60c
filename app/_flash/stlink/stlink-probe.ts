/**
 * The ST-LINK/V2 and V2-1 over WebUSB: command blocks out, replies in, and the debug commands the
 * flasher needs (version, mode, target voltage, SWD entry, debug-register and memory access, reset).
 * Failures surface as the three error classes below; nothing here knows about flashing.
 */
import { FlashError, type UsbDeviceLike } from "../types";
import {
  COMMAND_BLOCK_BYTES,
  Command,
  DebugCommand,
  DFU_EXIT,
  MAX_BYTE_TRANSFER,
  MAX_MEMORY_TRANSFER,
  Mode,
  STATUS_OK,
  SWIM_EXIT,
  statusName,
} from "./stlink-constants";

/** USB ids and bulk endpoints of the probes this flasher speaks to. */
export const PROBE_MODELS = [
  { productId: 0x3748, name: "ST-LINK/V2", outEndpoint: 2, inEndpoint: 1, thirdVersion: "S" },
  { productId: 0x374b, name: "ST-LINK/V2-1", outEndpoint: 1, inEndpoint: 1, thirdVersion: "M" },
] as const;
export type ProbeModel = (typeof PROBE_MODELS)[number];
export const ST_VENDOR_ID = 0x0483;
const FULL_SPEED_PACKET = 64;

export interface ProbeVersion {
  stlink: number;
  jtag: number;
  /** SWIM version on a V2, mass-storage version on a V2-1. */
  third: number;
  /** As ST's upgrade tool prints it, e.g. "V2J37S7". */
  label: string;
}

/** A transfer was rejected: the probe went away (unplugged, reset, re-enumerated). */
export class ProbeLostError extends Error {
  override readonly name = "ProbeLostError";
  constructor(
    readonly operation: string,
    readonly reason: unknown,
  ) {
    const why = reason instanceof Error ? reason.message : String(reason);
    super(`${operation} failed: the ST-LINK stopped answering (${why.replace(/\.$/, "")}).`);
  }
}

/** The probe answered a debug command with a status other than OK (0x80). */
export class ProbeStatusError extends Error {
  override readonly name = "ProbeStatusError";
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly faultAddress?: number,
  ) {
    const at = faultAddress === undefined ? "" : ` at 0x${faultAddress.toString(16).padStart(8, "0")}`;
    super(`${operation}: the ST-LINK reported ${statusName(status)}${at}.`);
  }
}

/** An answer made no sense (wrong length, stall). */
export class ProbeProtocolError extends Error {
  override readonly name = "ProbeProtocolError";
}

export function abortError(): DOMException {
  return new DOMException("Flashing was cancelled.", "AbortError");
}

export function probeModelOf(device: UsbDeviceLike): ProbeModel | undefined {
  if (device.vendorId !== ST_VENDOR_ID) return undefined;
  return PROBE_MODELS.find((model) => model.productId === device.productId);
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

export class StlinkProbe {
  /** Commands sent so far (handy for diagnostics). */
  commands = 0;

  private constructor(
    private readonly device: UsbDeviceLike,
    readonly model: ProbeModel,
    private readonly signal?: AbortSignal,
  ) {}

  /** Opens the device, selects its configuration and claims the debug interface (0). */
  static async open(device: UsbDeviceLike, model: ProbeModel, signal?: AbortSignal): Promise<StlinkProbe> {
    if (!device.transferIn || !device.transferOut) {
      throw new FlashError("open-failed", "This browser's WebUSB device has no bulk transfers; use Chrome or Edge.");
    }
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
      await device.claimInterface(0);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new FlashError(
        "open-failed",
        `Could not open the ${model.name} (${why}). Close other programs that use it (STM32CubeProgrammer, ` +
          `OpenOCD, st-util); on Linux the udev rule from the stlink package gives your user access to it.`,
      );
    }
    return new StlinkProbe(device, model, signal);
  }

  async close(): Promise<void> {
    if (this.device.opened) await this.device.close().catch(() => undefined);
  }

  private async out(data: Uint8Array, operation: string): Promise<void> {
    if (this.signal?.aborted) throw abortError();
    let result;
    try {
      result = await this.device.transferOut!(this.model.outEndpoint, data.slice());
    } catch (error) {
      throw new ProbeLostError(operation, error);
    }
    if (result.status !== "ok" || result.bytesWritten !== data.length) {
      throw new ProbeProtocolError(
        `${operation}: the ST-LINK took ${result.bytesWritten} of ${data.length} bytes (${result.status}).`,
      );
    }
  }

  private async in(length: number, operation: string): Promise<Uint8Array> {
    let result;
    try {
      // Short replies are read with a whole full-speed packet's room, so a longer answer cannot babble.
      result = await this.device.transferIn!(this.model.inEndpoint, Math.max(length, FULL_SPEED_PACKET));
    } catch (error) {
      throw new ProbeLostError(operation, error);
    }
    const data = result.data;
    if (result.status !== "ok" || !data || data.byteLength < length) {
      throw new ProbeProtocolError(
        `${operation}: expected ${length} bytes from the ST-LINK, got ${data?.byteLength ?? 0} (${result.status}).`,
      );
    }
    return new Uint8Array(data.buffer, data.byteOffset, length);
  }

  /** Sends one command block (padded to 16 bytes) and, when `replyLength` > 0, reads the reply. */
  async command(bytes: number[], replyLength: number, operation: string, data?: Uint8Array): Promise<Uint8Array> {
    const block = new Uint8Array(COMMAND_BLOCK_BYTES);
    block.set(bytes);
    this.commands++;
    await this.out(block, operation);
    if (data) await this.out(data, operation);
    return replyLength > 0 ? this.in(replyLength, operation) : new Uint8Array(0);
  }

  private async debug(bytes: number[], replyLength: number, operation: string): Promise<Uint8Array> {
    const reply = await this.command([Command.DEBUG, ...bytes], replyLength, operation);
    if (reply[0] !== STATUS_OK) throw new ProbeStatusError(operation, reply[0]);
    return reply;
  }

  async version(): Promise<ProbeVersion> {
    const reply = await this.command([Command.GET_VERSION], 6, "GET_VERSION");
    const word = (reply[0] << 8) | reply[1];
    const stlink = word >> 12;
    const jtag = (word >> 6) & 0x3f;
    const third = word & 0x3f;
    return { stlink, jtag, third, label: `V${stlink}J${jtag}${this.model.thirdVersion}${third}` };
  }

  async currentMode(): Promise<number> {
    return (await this.command([Command.GET_CURRENT_MODE], 2, "GET_CURRENT_MODE"))[0];
  }

  /** Leaves DFU, SWIM or a debug session another tool left behind; mass-storage mode needs nothing. */
  async leaveMode(mode: number): Promise<void> {
    if (mode === Mode.DFU) await this.command([Command.DFU, DFU_EXIT], 0, "DFU_EXIT");
    else if (mode === Mode.SWIM) await this.command([Command.SWIM, SWIM_EXIT], 0, "SWIM_EXIT");
    else if (mode === Mode.DEBUG) await this.command([Command.DEBUG, DebugCommand.EXIT], 0, "DEBUG_EXIT");
  }

  /** Volts on the probe's VCC sense pin, or undefined when the probe cannot measure. */
  async targetVoltage(): Promise<number | undefined> {
    const reply = await this.command([Command.GET_TARGET_VOLTAGE], 8, "GET_TARGET_VOLTAGE");
    const view = new DataView(reply.buffer, reply.byteOffset, 8);
    const reference = view.getUint32(0, true);
    return reference === 0 ? undefined : (2 * view.getUint32(4, true) * 1.2) / reference;
  }

  async enterSwd(): Promise<void> {
    await this.debug([DebugCommand.APIV2_ENTER, DebugCommand.ENTER_SWD], 2, "ENTER_SWD");
  }

  async readDebug32(address: number): Promise<number> {
    const operation = `READDEBUGREG 0x${address.toString(16)}`;
    const reply = await this.debug([DebugCommand.APIV2_READDEBUGREG, ...u32(address)], 8, operation);
    return new DataView(reply.buffer, reply.byteOffset, 8).getUint32(4, true);
  }

  async writeDebug32(address: number, value: number): Promise<void> {
    const operation = `WRITEDEBUGREG 0x${address.toString(16)}`;
    await this.debug([DebugCommand.APIV2_WRITEDEBUGREG, ...u32(address), ...u32(value)], 2, operation);
  }

  /** Status of the last memory read/write; throws with the faulting address when it failed. */
  async lastMemoryStatus(operation: string): Promise<void> {
    const reply = await this.command([Command.DEBUG, DebugCommand.APIV2_GETLASTRWSTATUS2], 12, operation);
    if (reply[0] !== STATUS_OK) {
      throw new ProbeStatusError(
        operation,
        reply[0],
        new DataView(reply.buffer, reply.byteOffset, 12).getUint32(4, true),
      );
    }
  }

  /** READMEM_32BIT within one 1 KiB block, then the transfer's status. */
  async readMemory32(address: number, length: number): Promise<Uint8Array> {
    if (address % 4 || length % 4 || length > MAX_MEMORY_TRANSFER) {
      throw new ProbeProtocolError(`READMEM_32BIT needs aligned words, at most ${MAX_MEMORY_TRANSFER} bytes.`);
    }
    const operation = `READMEM_32BIT 0x${address.toString(16)}+${length}`;
    const header = [DebugCommand.READMEM_32BIT, ...u32(address), length & 0xff, length >> 8];
    const data = (await this.command([Command.DEBUG, ...header], length, operation)).slice();
    await this.lastMemoryStatus(operation);
    return data;
  }

  /** WRITEMEM with `width`-byte accesses (8-bit ones carry at most 64 bytes), then its status. */
  async writeMemory(width: 1 | 2 | 4, address: number, data: Uint8Array): Promise<void> {
    const limit = width === 1 ? MAX_BYTE_TRANSFER : MAX_MEMORY_TRANSFER;
    if (address % width || data.length % width || data.length > limit) {
      throw new ProbeProtocolError(`A ${width * 8}-bit memory write needs aligned data of at most ${limit} bytes.`);
    }
    const command =
      width === 4
        ? DebugCommand.WRITEMEM_32BIT
        : width === 2
          ? DebugCommand.APIV2_WRITEMEM_16BIT
          : DebugCommand.WRITEMEM_8BIT;
    const operation = `WRITEMEM_${width * 8}BIT 0x${address.toString(16)}+${data.length}`;
    const header = [command, ...u32(address), data.length & 0xff, data.length >> 8];
    await this.command([Command.DEBUG, ...header], 0, operation, data);
    await this.lastMemoryStatus(operation);
  }

  async resetSystem(): Promise<void> {
    await this.debug([DebugCommand.APIV2_RESETSYS], 2, "RESETSYS");
  }

  async exitDebug(): Promise<void> {
    await this.command([Command.DEBUG, DebugCommand.EXIT], 0, "DEBUG_EXIT");
  }
}
