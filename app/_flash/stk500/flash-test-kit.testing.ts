/** Test support: a fast-timing flasher, deterministic images and an event-recording run. */
import type { Board } from "../../../boards/schema";
import type { FlashEvent, FlashPart, SerialPortLike } from "../types";
import { FlashError } from "../types";
import { createStk500Flasher } from "./flash-stk500";

/** Small timeouts so failure paths stay fast; the virtual boards answer in microseconds. */
export const fastFlasher = createStk500Flasher({
  resetLowMs: 5,
  bootWaitMs: 5,
  syncAttempts: 3,
  syncTimeoutMs: 40,
  commandTimeoutMs: 300,
});

/** Pseudo-random bytes (LCG), never all-0xFF pages, reproducible by seed. */
export function randomImage(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export interface RunResult {
  events: FlashEvent[];
  error: FlashError | null;
  ms: number;
}

export async function runFlash(
  port: SerialPortLike,
  board: Board,
  parts: FlashPart[],
  extra: { flasher?: typeof fastFlasher; signal?: AbortSignal; onEvent?: (e: FlashEvent) => void } = {},
): Promise<RunResult> {
  const events: FlashEvent[] = [];
  const started = performance.now();
  let error: FlashError | null = null;
  try {
    await (extra.flasher ?? fastFlasher).flash({
      port,
      board,
      parts,
      signal: extra.signal,
      onEvent: (event) => {
        events.push(event);
        extra.onEvent?.(event);
      },
    });
  } catch (caught) {
    if (!(caught instanceof FlashError)) throw caught;
    error = caught;
  }
  return { events, error, ms: performance.now() - started };
}

/** The sequence of states with repeats collapsed: connecting, detecting, detected, writing, … */
export const stateSequence = (events: FlashEvent[]) =>
  events.map((e) => e.state).filter((state, i, all) => i === 0 || all[i - 1] !== state);

/** Index of the first differing byte, or -1 when equal (cheaper than toEqual on big arrays). */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) if (actual[i] !== expected[i]) return i;
  return actual.length === expected.length ? -1 : n;
}
