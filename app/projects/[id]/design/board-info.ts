import type { Board } from "@/boards";

/** How a board gets its firmware, in words for the inspector. */
export function describeFlashing(board: Board): { summary: string; detail?: string; inBrowser: boolean } {
  const flash = board.flash;
  switch (flash.protocol) {
    case "esptool":
      return { summary: `In the browser: Web Serial + esptool (${flash.chip})`, inBrowser: true };
    case "dfuse":
      return {
        summary: "In the browser: WebUSB DFU (DfuSe)",
        detail: `Flash starts at 0x${flash.address.toString(16).padStart(8, "0")}. ${flash.enterBootloader}`,
        inBrowser: true,
      };
    case "stk500v1":
    case "stk500v2":
      return {
        summary: `In the browser: ${flash.protocol.toUpperCase()} over Web Serial (${flash.baud} baud)`,
        inBrowser: true,
      };
    case "stlink":
      return { summary: "In the browser: ST-LINK over WebUSB (SWD)", detail: others(board), inBrowser: true };
    case "stm32-uart":
      return {
        summary: "In the browser: STM32 ROM bootloader over Web Serial",
        detail: others(board),
        inBrowser: true,
      };
    case "picoboot":
      return { summary: "In the browser: PICOBOOT over WebUSB", detail: others(board), inBrowser: true };
    case "uf2":
      return { summary: "Copy a UF2 file to the board's USB drive", detail: flash.enterBootloader, inBrowser: false };
    case "unsupported":
      return { summary: "Not from the browser", detail: flash.reason, inBrowser: false };
  }
}

export function describeEmulator(board: Board): { summary: string; note?: string } {
  if (!board.emulator) return { summary: "None: test this board on hardware" };
  return { summary: `${board.emulator.capability} · machine ${board.emulator.machine}`, note: board.emulator.note };
}

/** Boards grouped by vendor, vendors alphabetical, boards in catalogue (name) order. */
export function groupByVendor(boards: readonly Board[]): [string, Board[]][] {
  const groups = new Map<string, Board[]>();
  for (const board of boards) groups.set(board.vendor, [...(groups.get(board.vendor) ?? []), board]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, "en"));
}

/** "Also: USB-serial (BOOT0)." for a board with more than one flash route. */
function others(board: Board): string | undefined {
  const rest = board.flashRoutes.slice(1).map((route) => route.label);
  return rest.length > 0 ? `Also: ${rest.join(", ")}.` : undefined;
}
