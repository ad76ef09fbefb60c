/**
 * Which board a node gets: the one the user named, or a suggestion from the catalogue that fits the
 * stated needs, each with a reason a person can check. Facts the catalogue does not hold (I/O pin
 * counts, low-power families) are data here.
 */
import { boards, getBoard, type Board } from "../../../boards";

export interface BoardNeeds {
  /** Why the node needs a network ("a gateway needs", "'Wi-Fi' was asked for"), when it does. */
  network?: string;
  lowPower?: string;
  manyPins?: string;
  /** Smallest application flash in bytes, with the words that asked for it. */
  minFlash?: { bytes: number; why: string };
}

export interface BoardChoice {
  board: Board;
  reason: string;
  warnings: string[];
}

/** I/O pins of the board's MCU package (or its headers, for Arduino-style boards). */
const IO_PINS: Readonly<Record<string, number>> = {
  "arduino-mega-2560": 70,
  "arduino-nano": 22,
  "arduino-uno": 20,
  "blackpill-f411ce": 36,
  "bluepill-f103c8": 37,
  "esp32-c3-devkitm-1": 22,
  "esp32-devkitc": 34,
  "esp32-s3-devkitc-1": 45,
  "esp8266-nodemcu": 17,
  lm3s6965evb: 42,
  lm3s811evb: 32,
  "netduino-plus-2": 22,
  "nucleo-f401re": 50,
  "nucleo-l476rg": 51,
  "rpi-pico": 26,
  "stm32f4-discovery": 82,
  stm32vldiscovery: 51,
};

/** Families designed for battery operation, and what makes them so. */
const LOW_POWER_FAMILIES: Readonly<Record<string, string>> = {
  stm32l4: "STM32L4 is ST's ultra-low-power family (stop modes of a few µA)",
  esp32c3: "the ESP32-C3 has light and deep sleep with Wi-Fi power saving",
};

/**
 * Ties go to the first of these: boards that build and boot in QEMU here lead (the default when
 * nothing is required), then the common Wi-Fi board.
 */
const DEFAULT_ORDER = [
  "lm3s6965evb",
  "stm32vldiscovery",
  "netduino-plus-2",
  "arduino-uno",
  "arduino-mega-2560",
  "esp32-devkitc",
];

export function ioPinsOf(board: Board): number {
  return IO_PINS[board.id] ?? 0;
}

export function lowPowerReason(board: Board): string | undefined {
  return LOW_POWER_FAMILIES[board.family];
}

/** Compiles with a toolchain the worker here has (arm-gcc, avr-gcc) and has a QEMU machine. */
export function buildsAndBootsHere(board: Board): boolean {
  return buildsHere(board) && board.emulator !== null;
}

export function buildsHere(board: Board): boolean {
  return board.toolchain.capability === "arm-gcc" || board.toolchain.capability === "avr-gcc";
}

const kib = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(2)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;

function hereNote(board: Board): string {
  if (buildsAndBootsHere(board)) {
    return `it builds with ${board.toolchain.compiler} and boots in QEMU (${board.emulator!.machine}) here`;
  }
  if (buildsHere(board)) return `it builds with ${board.toolchain.compiler} here (no QEMU machine, so no simulation)`;
  return `it needs a worker with ${board.toolchain.capability}, which this machine does not have`;
}

type NeedKey = keyof BoardNeeds;

const FITS: Record<NeedKey, (board: Board, needs: BoardNeeds) => boolean> = {
  network: (b) => b.hasNetwork,
  lowPower: (b) => lowPowerReason(b) !== undefined,
  manyPins: (b) => ioPinsOf(b) >= 40,
  minFlash: (b, n) => b.flashBytes >= (n.minFlash?.bytes ?? 0),
};

function explainNeed(need: NeedKey, board: Board, needs: BoardNeeds): string {
  switch (need) {
    case "network":
      return `has Wi-Fi, which ${needs.network}`;
    case "lowPower":
      return `${lowPowerReason(board)}, which ${needs.lowPower}`;
    case "manyPins":
      return `${ioPinsOf(board)} I/O pins, the most among the boards that fit, which ${needs.manyPins}`;
    case "minFlash":
      return `${kib(board.flashBytes)} of application flash, which ${needs.minFlash!.why}`;
  }
}

/** Higher is better: boards we can build and boot here first. */
function rank(board: Board, needs: BoardNeeds): number[] {
  const here = buildsAndBootsHere(board) ? 2 : buildsHere(board) ? 1 : 0;
  const order = DEFAULT_ORDER.indexOf(board.id);
  return [
    here,
    needs.manyPins ? ioPinsOf(board) : 0,
    // The smallest board that holds the stated flash; among equals the default order.
    needs.minFlash ? -board.flashBytes : 0,
    order < 0 ? -DEFAULT_ORDER.length : -order,
  ];
}

function best(candidates: readonly Board[], needs: BoardNeeds): Board | undefined {
  const compare = (a: Board, b: Board) => {
    const ra = rank(a, needs);
    const rb = rank(b, needs);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    return 0;
  };
  return [...candidates].sort(compare)[0];
}

const NEED_ORDER: NeedKey[] = ["network", "minFlash", "lowPower", "manyPins"];

/**
 * The board for a node: among `named` (the boards a name like "Arduino" or "STM32" stands for) or
 * the whole catalogue, the best one that meets every need. Needs no board meets together are
 * dropped from the end of NEED_ORDER, with a warning.
 */
export function chooseBoard(needs: BoardNeeds, named?: { words: string; boardIds: string[] }): BoardChoice {
  const pool = named ? named.boardIds.map((id) => getBoard(id)!) : boards;
  const wanted = NEED_ORDER.filter((need) => needs[need] !== undefined);
  const warnings: string[] = [];
  for (let keep = wanted.length; keep >= 0; keep--) {
    const kept = wanted.slice(0, keep);
    const fits = pool.filter((b) => kept.every((need) => FITS[need](b, needs)));
    const board = best(fits, needs);
    if (!board) continue;
    const unmet = wanted.slice(keep);
    for (const need of unmet) {
      warnings.push(
        named
          ? `"${named.words}" was named, but ${board.name} does not meet this need: ${needText(need, needs)}`
          : `no board in the catalogue also meets this need: ${needText(need, needs)}`,
      );
    }
    return { board, reason: reasonFor(board, kept, needs, named), warnings };
  }
  throw new Error("the board catalogue is empty");
}

function needText(need: NeedKey, needs: BoardNeeds): string {
  if (need === "minFlash") return `${kib(needs.minFlash!.bytes)} of flash (${needs.minFlash!.why})`;
  const label = { network: "a network", lowPower: "low power", manyPins: "many I/O pins" }[need];
  return `${label} (${needs[need]})`;
}

function reasonFor(board: Board, met: NeedKey[], needs: BoardNeeds, named?: { words: string }): string {
  const parts: string[] = [];
  if (named) parts.push(`named in the description ("${named.words}")`);
  parts.push(...met.map((need) => explainNeed(need, board, needs)));
  if (!named && met.length === 0) {
    parts.push(
      `nothing in the description needs a particular board, and ${hereNote(board)}, ` +
        `with ${kib(board.flashBytes)} flash and ${kib(board.ramBytes)} RAM`,
    );
  } else {
    parts.push(hereNote(board));
  }
  return `${board.name}: ${parts.join("; ")}`;
}

/** Why a board chosen elsewhere (by Claude) suits a node, from the catalogue's facts. */
export function explainBoard(board: Board, role: "sensor" | "actuator" | "gateway"): string {
  const facts: string[] = [];
  if (role === "gateway") {
    facts.push(board.hasNetwork ? "has Wi-Fi, which a gateway needs" : "has no network, which a gateway needs");
  } else if (board.hasNetwork) facts.push("has Wi-Fi");
  const lowPower = lowPowerReason(board);
  if (lowPower) facts.push(lowPower);
  facts.push(`${kib(board.flashBytes)} flash and ${kib(board.ramBytes)} RAM`, hereNote(board));
  return `${board.name}: ${facts.join("; ")}`;
}
