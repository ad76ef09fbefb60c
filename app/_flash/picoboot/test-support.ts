/** Helpers shared by the PICOBOOT flasher tests (not shipped: only *.test.ts files import this). */
import type { Board } from "../../../boards/schema";
import rpiPico from "../../../boards/rpi-pico";
import { VirtualPicobootDevice, type VirtualPicobootOptions } from "../../../e2e/fixtures/virtual-picoboot";
import { boot2Words } from "../../../workers/codegen/templates/families/rp2040";
import { flash } from "../index";
import { FlashError, type FlashEvent, type FlashPart } from "../types";
import type { PicobootMethod } from "./picoboot-method";

export const FLASH_START = 0x1000_0000;
export const FLASH_BYTES = 2 * 1024 * 1024;

export const PICOBOOT_METHOD: PicobootMethod = {
  protocol: "picoboot",
  flashAddress: FLASH_START,
  flashBytes: FLASH_BYTES,
  enterBootloader: "Hold BOOTSEL while plugging in the USB cable.",
};

/** The Pico from the catalogue, flashed over PICOBOOT (the catalogue has no such route yet). */
export const picoOverPicoboot = { ...rpiPico, flash: PICOBOOT_METHOD } as unknown as Board;

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function randomBytes(length: number, seed = 0x2545f491): Uint8Array {
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

/** An image as the build makes it: the generated boot2 (with its CRC) at 0x10000000, then the program. */
export function picoImage(length: number, seed?: number): Uint8Array {
  const image = randomBytes(length, seed);
  const boot2 = new DataView(image.buffer);
  boot2Words().forEach((word, i) => boot2.setUint32(i * 4, word, true));
  return image;
}

export interface FlashRun {
  device: VirtualPicobootDevice;
  events: FlashEvent[];
  error?: FlashError;
}

/** Drives the public flash() against a virtual Pico. */
export async function flashVirtual(
  parts: FlashPart[],
  options: VirtualPicobootOptions & { board?: Board; signal?: AbortSignal; onEvent?: (event: FlashEvent) => void } = {},
  device = new VirtualPicobootDevice(options),
): Promise<FlashRun> {
  const events: FlashEvent[] = [];
  try {
    await flash({
      device,
      board: options.board ?? picoOverPicoboot,
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

/** Index of the first differing byte, or -1 (toEqual on large typed arrays is slow). */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}
