/**
 * STM32 product ids as the ROM bootloader's GET ID returns them (AN2606 "device-dependent bootloader
 * parameters"), with each line's flash geometry from 0x08000000 as data: runs of equal erase units
 * (pages on F0/F1/F3/G0/G4/L4, sectors on F2/F4), numbered from 0 the way ERASE and EXTENDED ERASE
 * address them. `eraseMaxMs` is the datasheet's worst case for one unit, used for the erase timeout.
 */

export interface EraseRun {
  /** Bytes in each unit of this run. */
  bytes: number;
  count: number;
  eraseMaxMs: number;
}

export interface Stm32Chip {
  id: number;
  name: string;
  /** The largest part of the line: the board's own flash size bounds the image. */
  layout: readonly EraseRun[];
}

export interface EraseUnit {
  /** Page or sector number as ERASE / EXTENDED ERASE take it. */
  index: number;
  address: number;
  bytes: number;
  eraseMaxMs: number;
}

export const FLASH_BASE = 0x0800_0000;
const KiB = 1024;

const pages = (bytes: number, count: number, eraseMaxMs = 40): EraseRun[] => [{ bytes, count, eraseMaxMs }];

/** F2/F4 sectors: four of 16 KiB, one of 64 KiB, then 128 KiB ones (x8 worst case, RM0090/RM0368). */
const f4Sectors = (large: number): EraseRun[] => [
  { bytes: 16 * KiB, count: 4, eraseMaxMs: 800 },
  { bytes: 64 * KiB, count: 1, eraseMaxMs: 2400 },
  ...(large > 0 ? [{ bytes: 128 * KiB, count: large, eraseMaxMs: 4000 }] : []),
];

export const STM32_CHIPS: readonly Stm32Chip[] = [
  { id: 0x412, name: "STM32F10x low-density", layout: pages(1 * KiB, 32) },
  { id: 0x410, name: "STM32F10x medium-density", layout: pages(1 * KiB, 128) },
  { id: 0x414, name: "STM32F10x high-density", layout: pages(2 * KiB, 256) },
  { id: 0x430, name: "STM32F10x XL-density", layout: pages(2 * KiB, 512) },
  { id: 0x418, name: "STM32F105/F107 connectivity line", layout: pages(2 * KiB, 128) },
  { id: 0x420, name: "STM32F100 medium-density value line", layout: pages(1 * KiB, 128) },
  { id: 0x428, name: "STM32F100 high-density value line", layout: pages(2 * KiB, 256) },
  { id: 0x444, name: "STM32F03x", layout: pages(1 * KiB, 32) },
  { id: 0x445, name: "STM32F04x", layout: pages(1 * KiB, 32) },
  { id: 0x440, name: "STM32F05x / F030x8", layout: pages(1 * KiB, 64) },
  { id: 0x448, name: "STM32F07x", layout: pages(2 * KiB, 64) },
  { id: 0x442, name: "STM32F09x / F030xC", layout: pages(2 * KiB, 128) },
  { id: 0x439, name: "STM32F301 / F302x6/8", layout: pages(2 * KiB, 32) },
  { id: 0x438, name: "STM32F303x6/8 / F334", layout: pages(2 * KiB, 32) },
  { id: 0x422, name: "STM32F302xB/C / F303xB/C", layout: pages(2 * KiB, 128) },
  { id: 0x446, name: "STM32F302xD/E / F303xD/E", layout: pages(2 * KiB, 256) },
  { id: 0x411, name: "STM32F2xx", layout: f4Sectors(7) },
  { id: 0x413, name: "STM32F405/F407/F415/F417", layout: f4Sectors(7) },
  { id: 0x419, name: "STM32F42x/F43x", layout: [...f4Sectors(7), ...f4Sectors(7)] },
  { id: 0x423, name: "STM32F401xB/C", layout: f4Sectors(1) },
  { id: 0x433, name: "STM32F401xD/E", layout: f4Sectors(3) },
  { id: 0x458, name: "STM32F410", layout: f4Sectors(0) },
  { id: 0x431, name: "STM32F411xC/E", layout: f4Sectors(3) },
  { id: 0x441, name: "STM32F412", layout: f4Sectors(7) },
  { id: 0x421, name: "STM32F446", layout: f4Sectors(3) },
  { id: 0x466, name: "STM32G03x/G04x", layout: pages(2 * KiB, 32) },
  { id: 0x460, name: "STM32G07x/G08x", layout: pages(2 * KiB, 64) },
  { id: 0x468, name: "STM32G431/G441", layout: pages(2 * KiB, 64, 25) },
  { id: 0x435, name: "STM32L43x/L44x", layout: pages(2 * KiB, 128, 25) },
  { id: 0x462, name: "STM32L45x/L46x", layout: pages(2 * KiB, 256, 25) },
  { id: 0x415, name: "STM32L47x/L48x", layout: pages(2 * KiB, 512, 25) },
  { id: 0x461, name: "STM32L496/L4A6", layout: pages(2 * KiB, 512, 25) },
];

const byId = new Map(STM32_CHIPS.map((chip) => [chip.id, chip]));

export const chipById = (id: number): Stm32Chip | undefined => byId.get(id);

export const formatChipId = (id: number) => `0x${id.toString(16).padStart(3, "0")}`;

/** "STM32F10x medium-density (0x410)", or "unknown STM32 (0x123)". */
export const describeChip = (id: number) => `${chipById(id)?.name ?? "unknown STM32"} (${formatChipId(id)})`;

/** Every erase unit of the line, with its absolute address. */
export function eraseUnits(chip: Stm32Chip, base = FLASH_BASE): EraseUnit[] {
  const units: EraseUnit[] = [];
  let address = base;
  for (const run of chip.layout) {
    for (let i = 0; i < run.count; i++) {
      units.push({ index: units.length, address, bytes: run.bytes, eraseMaxMs: run.eraseMaxMs });
      address += run.bytes;
    }
  }
  return units;
}

/** The units that overlap any of the half-open ranges [start, end). */
export function unitsTouched(chip: Stm32Chip, ranges: readonly { start: number; end: number }[], base = FLASH_BASE) {
  return eraseUnits(chip, base).filter((unit) =>
    ranges.some((range) => range.start < unit.address + unit.bytes && unit.address < range.end),
  );
}
