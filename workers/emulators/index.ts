import type { Board } from "../../boards/schema";
import { QEMU_MACHINES } from "./machines";
import { QemuEmulator } from "./qemu";
import { Rp2040Emulator } from "./rp2040";
import { fitInitialStack } from "./stack";
import type { Emulator } from "./types";
import type { DiagramNode } from "../../contracts/wokwi-diagram";
import { wokwiEmulatorFor } from "./wokwi";

export type EmulatorChoice =
  | {
      ok: true;
      emulator: Emulator;
      /** The image as the machine needs it, and the "ran on X" note when the machine is not the board's own. */
      prepare(image: Uint8Array): { image: Uint8Array; approximateMachine?: string };
    }
  | { ok: false; reason: string };

const flashOrigin = (board: Board) =>
  Math.min(...board.memoryMap.filter((r) => r.kind === "flash").map((r) => r.origin));

/**
 * The emulator a board runs on, from its catalogue entry (`board.emulator`). A board whose machine is only the
 * closest of its family (`emulator.approximate`) runs there and the result says so; a board with no emulator gets a
 * reason instead, and never blocks the other nodes.
 */
export function emulatorFor(board: Board, options: { node?: DiagramNode } = {}): EmulatorChoice {
  // ESP boards run on Wokwi when WOKWI_CLI_TOKEN is set (and say they need it otherwise).
  const wokwi = wokwiEmulatorFor(board, { node: options.node });
  if (wokwi) return wokwi;
  const entry = board.emulator;
  if (!entry) {
    return {
      ok: false,
      reason: `no emulator for ${board.name} (${board.mcu}) on this worker: QEMU 7.2 has no model of it`,
    };
  }
  if (entry.capability === "rp2040js") {
    return { ok: true, emulator: new Rp2040Emulator(), prepare: (image) => ({ image }) };
  }
  const machine = QEMU_MACHINES[entry.machine];
  if (!machine) return { ok: false, reason: `QEMU machine ${entry.machine} is not one this worker knows how to run` };
  const base = board.console.base ?? machine.serialBases[0];
  const serialIndex = machine.serialBases.indexOf(base);
  if (serialIndex < 0) {
    return {
      ok: false,
      reason: `${board.console.peripheral} (the console of ${board.name}) is not modelled by QEMU's ${entry.machine} (${machine.chip})`,
    };
  }
  const approximate = entry.approximate;
  const prepare = (image: Uint8Array) => {
    if (!approximate) return { image };
    const fitted =
      machine.imageFlag === "-kernel" ? fitInitialStack(image, flashOrigin(board), machine.ramEnd) : { image };
    const note = [`ran on ${entry.machine} (${machine.chip})`, approximate, fitted.note].filter(Boolean).join("; ");
    return { image: fitted.image, approximateMachine: note };
  };
  return { ok: true, emulator: new QemuEmulator(entry.machine, machine, serialIndex, flashOrigin(board)), prepare };
}
