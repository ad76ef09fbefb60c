/** Helpers shared by the DfuSe flasher tests (not shipped: only *.test.ts files import this). */
import netduino from "../../../boards/netduino-plus-2";
import type { Board } from "../../../boards/schema";
import { VirtualDfuseDevice, type VirtualDfuseOptions } from "../../../e2e/fixtures/virtual-dfuse";
import { FlashError, type FlashEvent, type FlashPart } from "../types";
import { dfuseFlasher } from "./flash-dfuse";

export const FLASH_START = 0x0800_0000;

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function randomImage(length: number, seed = 0x2545f491): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

export interface FlashRun {
  device: VirtualDfuseDevice;
  events: FlashEvent[];
  error?: FlashError;
}

export async function flashVirtual(
  parts: FlashPart[],
  options: VirtualDfuseOptions & { board?: Board; signal?: AbortSignal; onEvent?: (event: FlashEvent) => void } = {},
  device = new VirtualDfuseDevice(options),
): Promise<FlashRun> {
  const events: FlashEvent[] = [];
  try {
    await dfuseFlasher.flash({
      device,
      board: options.board ?? netduino,
      parts,
      signal: options.signal,
      onEvent: (event) => {
        events.push(event);
        options.onEvent?.(event);
      },
    });
    return { device, events };
  } catch (error) {
    if (!(error instanceof FlashError)) throw error;
    return { device, events, error };
  }
}

/** The sequence of states with repeats collapsed: connecting, detecting, detected, erasing, … */
export function stateSequence(events: FlashEvent[]): string[] {
  return events.map((event) => event.state).filter((state, i, all) => i === 0 || all[i - 1] !== state);
}

export function writingEvents(events: FlashEvent[]) {
  return events.flatMap((event) => (event.state === "writing" ? [event] : []));
}

/** Index of the first differing byte, or -1 (toEqual on 300 KiB typed arrays is slow). */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}
