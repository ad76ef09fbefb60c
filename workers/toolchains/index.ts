import type { Board, Capability } from "../../boards/schema";
import { ArmGccToolchain } from "./arm-gcc";
import { AvrGccToolchain } from "./avr-gcc";
import type { Toolchain } from "./types";

// One instance per capability, so each caches its compiler version once per process.
// esp-idf is absent: no ESP-IDF on these machines yet, so ESP boards get null and the caller says so.
const toolchains: Partial<Record<Capability, Toolchain>> = {
  "arm-gcc": new ArmGccToolchain(),
  "avr-gcc": new AvrGccToolchain(),
};

/** The toolchain that builds for a board, chosen by the board's declared capability; null when none is available. */
export function toolchainFor(board: Board): Toolchain | null {
  return toolchains[board.toolchain.capability] ?? null;
}
