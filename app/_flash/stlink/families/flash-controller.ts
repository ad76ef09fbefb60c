/**
 * What every STM32 flash controller shares (unlock keys, BSY polling, write-1-to-clear status flags),
 * and the per-family parts each family class fills in: register addresses, flag bits, erase units,
 * programming width, option-byte protection.
 */
import type { FlashPart } from "../../types";

export interface DebugAccess {
  readDebug32(address: number): Promise<number>;
  writeDebug32(address: number, value: number): Promise<void>;
  writeMemory(width: 1 | 2 | 4, address: number, data: Uint8Array): Promise<void>;
}

export interface EraseUnit {
  /** Page or sector number as the controller counts it (within its bank). */
  index: number;
  start: number;
  size: number;
  bank: number;
}

export interface ProgramPlan {
  /** Bus access width the controller needs for programming. */
  width: 1 | 2 | 4;
  /** Bytes one programming operation takes; images are padded with 0xFF to this. */
  align: number;
  /** Firmware JTAG-API version the accesses need (16-bit memory access came with J26). */
  minJtagVersion: number;
  /** Told to the user, e.g. "half-words", "x32 words at 3.3 V". */
  description: string;
}

export type ReadProtection = "level0" | "level1" | "level2";

/** The controller set error flags in its status register. */
export class FlashControllerError extends Error {
  override readonly name = "FlashControllerError";
  constructor(
    readonly operation: string,
    readonly flags: string[],
    readonly writeProtection: boolean,
  ) {
    super(`${operation}: the flash controller reported ${flags.join(", ")}.`);
  }
}

export class FlashControllerTimeoutError extends Error {
  override readonly name = "FlashControllerTimeoutError";
}

export class FlashControllerLockedError extends Error {
  override readonly name = "FlashControllerLockedError";
}

export const KEY1 = 0x4567_0123;
export const KEY2 = 0xcdef_89ab;
export const hex32 = (value: number) => `0x${(value >>> 0).toString(16).padStart(8, "0")}`;

async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export abstract class FlashController {
  abstract readonly family: string;
  readonly idcodeAddress = 0xe004_2000;
  abstract readonly flashSizeAddress: number;
  protected abstract readonly keyRegister: number;
  protected abstract readonly statusRegister: number;
  protected abstract readonly controlRegister: number;
  protected abstract readonly busyFlag: number;
  protected abstract readonly endOfOperationFlag: number;
  protected abstract readonly lockFlag: number;
  /** Error flags by name; the write-protection flag is named by `writeProtectionFlag`. */
  protected abstract readonly errorFlags: Record<string, number>;
  protected abstract readonly writeProtectionFlag: string;
  /** Longest a program step (one ≤ 1 KiB memory write) may keep the controller busy. */
  protected readonly programTimeoutMs: number = 500;

  /** The pages or sectors of this chip's flash (`devId` tells single- from dual-bank parts). */
  abstract eraseUnits(flashAddress: number, flashBytes: number, devId: number): EraseUnit[];
  abstract readProtection(access: DebugAccess): Promise<ReadProtection>;
  abstract protectedUnits(access: DebugAccess, units: EraseUnit[]): Promise<EraseUnit[]>;
  abstract programPlan(volts: number | undefined): ProgramPlan;
  abstract eraseTimeoutMs(unit: EraseUnit): number;
  /** The register writes that start erasing `unit` (the base class waits for the end). */
  protected abstract startErase(access: DebugAccess, unit: EraseUnit, plan: ProgramPlan): Promise<void>;
  /** The control register value that makes flash writes program at `plan`'s width. */
  protected abstract programmingControl(plan: ProgramPlan): number;

  /** The flash size register holds KiB in 16 bits; it is read as the aligned word around it. */
  async flashSizeKiB(access: DebugAccess): Promise<number> {
    const word = await access.readDebug32(this.flashSizeAddress & ~3);
    return (word >>> ((this.flashSizeAddress & 2) * 8)) & 0xffff;
  }

  async unlock(access: DebugAccess): Promise<void> {
    if (!((await access.readDebug32(this.controlRegister)) & this.lockFlag)) return;
    await access.writeDebug32(this.keyRegister, KEY1);
    await access.writeDebug32(this.keyRegister, KEY2);
    if ((await access.readDebug32(this.controlRegister)) & this.lockFlag) {
      throw new FlashControllerLockedError("The flash controller stayed locked after the unlock keys.");
    }
  }

  async lock(access: DebugAccess): Promise<void> {
    await access.writeDebug32(this.controlRegister, this.lockFlag >>> 0);
  }

  private allFlags(): number {
    return Object.values(this.errorFlags).reduce((all, flag) => all | flag, this.endOfOperationFlag);
  }

  /** Flags are write-1-to-clear; stale ones from an earlier session would block the next operation. */
  async clearFlags(access: DebugAccess): Promise<void> {
    await access.writeDebug32(this.statusRegister, this.allFlags());
  }

  /** Polls the status register until BSY clears, then fails on any error flag the operation left. */
  async waitReady(access: DebugAccess, operation: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const started = performance.now();
    for (let poll = 0; ; poll++) {
      const status = await access.readDebug32(this.statusRegister);
      const raised = Object.entries(this.errorFlags).filter(([, flag]) => status & flag);
      if (raised.length > 0) {
        await this.clearFlags(access);
        const names = raised.map(([name]) => name);
        throw new FlashControllerError(operation, names, names.includes(this.writeProtectionFlag));
      }
      if (!(status & this.busyFlag)) return;
      const elapsed = performance.now() - started;
      if (elapsed > timeoutMs) {
        throw new FlashControllerTimeoutError(
          `${operation}: the flash controller was still busy after ${Math.round(elapsed)} ms.`,
        );
      }
      if (signal?.aborted) throw new DOMException("Flashing was cancelled.", "AbortError");
      // Early polls go straight back (most operations end within a few USB round trips).
      if (poll >= 4) await pause(Math.min(20, Math.max(1, elapsed / 10)));
    }
  }

  async erase(access: DebugAccess, unit: EraseUnit, plan: ProgramPlan, signal?: AbortSignal): Promise<void> {
    await this.clearFlags(access);
    await this.startErase(access, unit, plan);
    await this.waitReady(access, `Erase ${hex32(unit.start)}`, this.eraseTimeoutMs(unit), signal);
    await access.writeDebug32(this.controlRegister, 0);
  }

  async beginProgramming(access: DebugAccess, plan: ProgramPlan): Promise<void> {
    await this.clearFlags(access);
    await access.writeDebug32(this.controlRegister, this.programmingControl(plan));
  }

  /** One memory write of ≤ 1 KiB; the debug port stalls while each access programs, then BSY is checked. */
  async program(access: DebugAccess, plan: ProgramPlan, address: number, data: Uint8Array, signal?: AbortSignal) {
    await access.writeMemory(plan.width, address, data);
    await this.waitReady(access, `Program ${hex32(address)}`, this.programTimeoutMs, signal);
  }

  async endProgramming(access: DebugAccess): Promise<void> {
    await access.writeDebug32(this.controlRegister, 0);
  }
}

/** Parts padded with 0xFF to `align`-byte boundaries; parts that then share a unit are merged. */
export function alignParts(parts: FlashPart[], align: number): FlashPart[] {
  const sorted = parts.filter((part) => part.data.length > 0).sort((a, b) => a.offset - b.offset);
  const merged: { start: number; end: number; pieces: FlashPart[] }[] = [];
  for (const part of sorted) {
    const start = part.offset - (part.offset % align);
    const end = Math.ceil((part.offset + part.data.length) / align) * align;
    const last = merged.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.pieces.push(part);
    } else {
      merged.push({ start, end, pieces: [part] });
    }
  }
  return merged.map(({ start, end, pieces }) => {
    const data = new Uint8Array(end - start).fill(0xff);
    for (const piece of pieces) data.set(piece.data, piece.offset - start);
    return { offset: start, data };
  });
}
