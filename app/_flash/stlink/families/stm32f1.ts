/**
 * STM32F1 flash program/erase controller (FPEC, PM0075): 1 KiB pages up to 128 KiB parts, 2 KiB above;
 * programs half-words only (a word or byte access to flash is a bus error), so it needs the ST-LINK's
 * 16-bit memory writes.
 */
import { FlashError } from "../../types";
import { Feature } from "../stlink-constants";
import {
  type DebugAccess,
  type EraseUnit,
  FlashController,
  type ProgramPlan,
  type ReadProtection,
} from "./flash-controller";

const BASE = 0x4002_2000;
const OBR = BASE + 0x1c;
const WRPR = BASE + 0x20;
const CR = { PG: 1 << 0, PER: 1 << 1, STRT: 1 << 6, LOCK: 1 << 7 } as const;
const AR = BASE + 0x14;
const OBR_RDPRT = 1 << 1;

export class Stm32f1FlashController extends FlashController {
  readonly family = "STM32F1";
  readonly flashSizeAddress = 0x1fff_f7e0;
  protected readonly keyRegister = BASE + 0x04;
  protected readonly statusRegister = BASE + 0x0c;
  protected readonly controlRegister = BASE + 0x10;
  protected readonly busyFlag = 1 << 0;
  protected readonly endOfOperationFlag = 1 << 5;
  protected readonly lockFlag = CR.LOCK;
  protected readonly errorFlags = { PGERR: 1 << 2, WRPRTERR: 1 << 4 };
  protected readonly writeProtectionFlag = "WRPRTERR";

  eraseUnits(flashAddress: number, flashBytes: number): EraseUnit[] {
    if (flashBytes > 512 * 1024) {
      // XL-density parts drive their second bank through a second register set (KEYR2, SR2, CR2, AR2).
      throw new FlashError("unsupported-board", "STM32F1 XL-density parts (over 512 KiB) are not supported yet.");
    }
    const pageSize = flashBytes > 128 * 1024 ? 2048 : 1024;
    return Array.from({ length: flashBytes / pageSize }, (_, index) => ({
      index,
      start: flashAddress + index * pageSize,
      size: pageSize,
      bank: 0,
    }));
  }

  async readProtection(access: DebugAccess): Promise<ReadProtection> {
    return (await access.readDebug32(OBR)) & OBR_RDPRT ? "level1" : "level0";
  }

  /** WRPR: a cleared bit protects 4 pages of 1 KiB (2 of 2 KiB); bit 31 also covers all pages above. */
  async protectedUnits(access: DebugAccess, units: EraseUnit[]): Promise<EraseUnit[]> {
    const wrpr = await access.readDebug32(WRPR);
    return units.filter((unit) => {
      const pagesPerBit = unit.size === 1024 ? 4 : 2;
      const bit = Math.min(31, Math.floor(unit.index / pagesPerBit));
      return !(wrpr & (1 << bit));
    });
  }

  programPlan(): ProgramPlan {
    return { width: 2, align: 2, minJtagVersion: Feature.memory16, description: "half-words" };
  }

  /** Datasheet tERASE is 40 ms at most per page. */
  eraseTimeoutMs(): number {
    return 500;
  }

  protected async startErase(access: DebugAccess, unit: EraseUnit): Promise<void> {
    await access.writeDebug32(this.controlRegister, CR.PER);
    await access.writeDebug32(AR, unit.start);
    await access.writeDebug32(this.controlRegister, CR.PER | CR.STRT);
  }

  protected programmingControl(): number {
    return CR.PG;
  }
}
