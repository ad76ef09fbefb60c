/**
 * STM32F4 flash interface (RM0368/RM0090): sectors of 16/16/16/16/64/128… KiB, erased by number; the
 * programming parallelism (PSIZE) must suit the supply: x32 from 2.7 V, x16 from 2.1 V, x8 below.
 */
import { Feature } from "../stlink-constants";
import {
  type DebugAccess,
  type EraseUnit,
  FlashController,
  type ProgramPlan,
  type ReadProtection,
} from "./flash-controller";

const BASE = 0x4002_3c00;
const OPTCR = BASE + 0x14;
const CR = { PG: 1 << 0, SER: 1 << 1, STRT: 1 << 16, LOCK: 1 << 31 } as const;
const SNB_SHIFT = 3;
const PSIZE_SHIFT = 8;
const KiB = 1024;

/** Sector sizes in KiB from 0x08000000 (bank 1 of the F42x/F43x repeats the same pattern). */
const SECTOR_PATTERN = [16, 16, 16, 16, 64];
const LARGE_SECTOR = 128;
const SECTORS_PER_BANK = 12;

/**
 * Longest sector erase at x8 parallelism from the F4 datasheets (16 KiB: 800 ms, 64 KiB: 2.4 s,
 * 128 KiB: 4 s), doubled. Keyed by the sector's size in bytes, converted on purpose: a table keyed in KiB
 * but looked up with a byte count finds nothing and times out at once (webstlink's F4 bug).
 */
const MAX_ERASE_MS_BY_KIB: Record<number, number> = { 16: 800, 64: 2400, 128: 4000 };

/** Parallelism by supply voltage (RM0368 table "Program/erase parallelism"). */
const PARALLELISM = [
  { minVolts: 2.7, psize: 2, width: 4, description: "x32 words" },
  { minVolts: 2.1, psize: 1, width: 2, description: "x16 half-words" },
  { minVolts: 0, psize: 0, width: 1, description: "x8 bytes" },
] as const;

export class Stm32f4FlashController extends FlashController {
  readonly family = "STM32F4";
  readonly flashSizeAddress = 0x1fff_7a22;
  protected readonly keyRegister = BASE + 0x04;
  protected readonly statusRegister = BASE + 0x0c;
  protected readonly controlRegister = BASE + 0x10;
  protected readonly busyFlag = 1 << 16;
  protected readonly endOfOperationFlag = 1 << 0;
  protected readonly lockFlag = CR.LOCK >>> 0;
  protected readonly errorFlags = {
    OPERR: 1 << 1,
    WRPERR: 1 << 4,
    PGAERR: 1 << 5,
    PGPERR: 1 << 6,
    PGSERR: 1 << 7,
  };
  protected readonly writeProtectionFlag = "WRPERR";

  /** Parts over 1 MiB (F42x/F43x) have two banks of the same pattern; bank 2's sectors are numbered from 12. */
  eraseUnits(flashAddress: number, flashBytes: number): EraseUnit[] {
    const banks = flashBytes > 1024 * KiB ? 2 : 1;
    const units: EraseUnit[] = [];
    let start = flashAddress;
    for (let bank = 0; bank < banks; bank++) {
      const bankEnd = start + flashBytes / banks;
      for (let i = 0; start < bankEnd; i++) {
        const size = (SECTOR_PATTERN[i] ?? LARGE_SECTOR) * KiB;
        units.push({ index: bank * SECTORS_PER_BANK + i, start, size, bank });
        start += size;
      }
    }
    return units;
  }

  /** OPTCR bits 15:8 hold RDP: 0xAA is level 0, 0xCC level 2, anything else level 1. */
  async readProtection(access: DebugAccess): Promise<ReadProtection> {
    const rdp = ((await access.readDebug32(OPTCR)) >>> 8) & 0xff;
    return rdp === 0xaa ? "level0" : rdp === 0xcc ? "level2" : "level1";
  }

  /** OPTCR bits 27:16 are nWRP: a cleared bit protects its sector. */
  async protectedUnits(access: DebugAccess, units: EraseUnit[]): Promise<EraseUnit[]> {
    const nwrp = (await access.readDebug32(OPTCR)) >>> 16;
    // Bank 2's bits live in OPTCR1; a protected sector there still fails the erase with WRPERR.
    return units.filter((unit) => unit.index < SECTORS_PER_BANK && !(nwrp & (1 << unit.index)));
  }

  /** Without a voltage reading (some clone probes) the slow but always safe x8 is used. */
  programPlan(volts: number | undefined): ProgramPlan {
    const choice = PARALLELISM.find((entry) => (volts ?? 0) >= entry.minVolts) ?? PARALLELISM[2];
    const at = volts === undefined ? "unknown supply" : `${volts.toFixed(2)} V`;
    return {
      width: choice.width,
      align: choice.width,
      minJtagVersion: choice.width === 2 ? Feature.memory16 : Feature.lastRwStatus2,
      description: `${choice.description} at ${at}`,
    };
  }

  eraseTimeoutMs(unit: EraseUnit): number {
    return 2 * (MAX_ERASE_MS_BY_KIB[unit.size / KiB] ?? MAX_ERASE_MS_BY_KIB[LARGE_SECTOR]);
  }

  private psizeBits(plan: ProgramPlan): number {
    return (PARALLELISM.find((entry) => entry.width === plan.width)?.psize ?? 0) << PSIZE_SHIFT;
  }

  protected async startErase(access: DebugAccess, unit: EraseUnit, plan: ProgramPlan): Promise<void> {
    // SNB bit 4 selects bank 2: sector 12 is 0b10000.
    const snb = unit.bank ? 0x10 | (unit.index - SECTORS_PER_BANK) : unit.index;
    const control = CR.SER | (snb << SNB_SHIFT) | this.psizeBits(plan);
    await access.writeDebug32(this.controlRegister, control);
    await access.writeDebug32(this.controlRegister, control | CR.STRT);
  }

  protected programmingControl(plan: ProgramPlan): number {
    return CR.PG | this.psizeBits(plan);
  }
}
