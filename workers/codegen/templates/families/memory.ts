/** Picks the memory regions a Cortex-M image links into, from the board's memory map. */
import type { Board } from "../../../../boards/schema";

type Region = Board["memoryMap"][number];

/** Regions of these names hold boot code the application must not overwrite (or provides itself). */
const RESERVED_FLASH = new Set(["bootloader", "boot2"]);

/** The flash region that holds the application: the one sized flashBytes, else the largest non-reserved one. */
export function appFlashRegion(board: Board): Region {
  return pick(board, "flash", board.flashBytes, (r) => !RESERVED_FLASH.has(r.name));
}

/** The RAM the linker places data, bss and the stack in: the region sized ramBytes, else the largest. */
export function mainRamRegion(board: Board): Region {
  return pick(board, "ram", board.ramBytes, () => true);
}

function pick(board: Board, kind: Region["kind"], bytes: number, allowed: (r: Region) => boolean): Region {
  const candidates = board.memoryMap.filter((r) => r.kind === kind && allowed(r));
  const exact = candidates.find((r) => r.length === bytes);
  const largest = [...candidates].sort((a, b) => b.length - a.length)[0];
  const region = exact ?? largest;
  if (!region) throw new Error(`board ${board.id} has no ${kind} region to link into`);
  return region;
}

export function sizeText(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}
