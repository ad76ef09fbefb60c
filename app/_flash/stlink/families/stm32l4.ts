/**
 * STM32L4 flash (RM0351/RM0394): 2 KiB pages, in two banks on the L47x/L49x (bank 2 starts half-way,
 * pages numbered again from 0 within it); programs 64-bit double-words, written as two consecutive 32-bit accesses,
 * the second of which starts the programming.
 */
import { Feature } from "../stlink-constants";
import {
  type DebugAccess,
  type EraseUnit,
  FlashController,
  type ProgramPlan,
  type ReadProtection,
} from "./flash-controller";

const BASE = 0x4002_2000;
const OPTR = BASE + 0x20;
/** WRP areas A and B of each bank: start page in bits 7:0, end page in bits 23:16. */
const WRP_AREAS = [
  { bank: 0, register: BASE + 0x2c },
  { bank: 0, register: BASE + 0x30 },
  { bank: 1, register: BASE + 0x4c },
  { bank: 1, register: BASE + 0x50 },
];
const CR = { PG: 1 << 0, PER: 1 << 1, BKER: 1 << 11, STRT: 1 << 16, LOCK: 1 << 31 } as const;
const PNB_SHIFT = 3;
const PAGE = 2048;
/** L47x/L48x and L49x/L4Ax are dual-bank; L43x/L44x/L45x/L46x have one bank. */
const DUAL_BANK_DEV_IDS = new Set([0x415, 0x461]);

export class Stm32l4FlashController extends FlashController {
  readonly family = "STM32L4";
  readonly flashSizeAddress = 0x1fff_75e0;
  protected readonly keyRegister = BASE + 0x08;
  protected readonly statusRegister = BASE + 0x10;
  protected readonly controlRegister = BASE + 0x14;
  protected readonly busyFlag = 1 << 16;
  protected readonly endOfOperationFlag = 1 << 0;
  protected readonly lockFlag = CR.LOCK >>> 0;
  protected readonly errorFlags = {
    OPERR: 1 << 1,
    PROGERR: 1 << 3,
    WRPERR: 1 << 4,
    PGAERR: 1 << 5,
    SIZERR: 1 << 6,
    PGSERR: 1 << 7,
    MISERR: 1 << 8,
    FASTERR: 1 << 9,
  };
  protected readonly writeProtectionFlag = "WRPERR";

  eraseUnits(flashAddress: number, flashBytes: number, devId: number): EraseUnit[] {
    const pagesPerBank = (DUAL_BANK_DEV_IDS.has(devId) ? flashBytes / 2 : flashBytes) / PAGE;
    return Array.from({ length: flashBytes / PAGE }, (_, page) => ({
      index: page % pagesPerBank,
      start: flashAddress + page * PAGE,
      size: PAGE,
      bank: Math.floor(page / pagesPerBank),
    }));
  }

  /** OPTR bits 7:0 hold RDP: 0xAA is level 0, 0xCC level 2, anything else level 1. */
  async readProtection(access: DebugAccess): Promise<ReadProtection> {
    const rdp = (await access.readDebug32(OPTR)) & 0xff;
    return rdp === 0xaa ? "level0" : rdp === 0xcc ? "level2" : "level1";
  }

  async protectedUnits(access: DebugAccess, units: EraseUnit[]): Promise<EraseUnit[]> {
    const areas: { bank: number; first: number; last: number }[] = [];
    for (const area of WRP_AREAS) {
      const value = await access.readDebug32(area.register);
      const first = value & 0xff;
      const last = (value >>> 16) & 0xff;
      if (first <= last) areas.push({ bank: area.bank, first, last });
    }
    return units.filter((unit) =>
      areas.some((area) => area.bank === unit.bank && unit.index >= area.first && unit.index <= area.last),
    );
  }

  programPlan(): ProgramPlan {
    return { width: 4, align: 8, minJtagVersion: Feature.lastRwStatus2, description: "double-words" };
  }

  /** Datasheet page erase is 24.5 ms at most. */
  eraseTimeoutMs(): number {
    return 500;
  }

  protected async startErase(access: DebugAccess, unit: EraseUnit): Promise<void> {
    const control = CR.PER | (unit.index << PNB_SHIFT) | (unit.bank ? CR.BKER : 0);
    await access.writeDebug32(this.controlRegister, control);
    await access.writeDebug32(this.controlRegister, control | CR.STRT);
  }

  protected programmingControl(): number {
    return CR.PG;
  }
}
