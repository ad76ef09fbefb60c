/** Helpers shared by the ST-LINK flasher tests (not shipped: only *.test.ts files import this). */
import bluepill from "../../../boards/bluepill-f103c8";
import nucleo from "../../../boards/nucleo-f401re";
import nucleoL476 from "../../../boards/nucleo-l476rg";
import type { Board } from "../../../boards/schema";
import { VirtualStlinkDevice, type VirtualStlinkOptions } from "../../../e2e/fixtures/virtual-stlink";
import { flash } from "../index";
import { FlashError, type FlashEvent, type FlashPart, type UsbDeviceLike } from "../types";
import type { StlinkMethod } from "./stlink-method";

export const FLASH_START = 0x0800_0000;
export const KiB = 1024;

/** The catalogue has no "stlink" method yet, so the tests cast a board that uses one. */
export function withStlink(board: Board, method: Omit<StlinkMethod, "protocol">): Board {
  return { ...board, flash: { protocol: "stlink", ...method } as unknown as Board["flash"] };
}

export const BLUEPILL = withStlink(bluepill, {
  family: "stm32f1",
  flashAddress: FLASH_START,
  expectedDevId: 0x410,
  flashSizeKiB: 64,
});

export const NUCLEO_F401RE = withStlink(nucleo, {
  family: "stm32f4",
  flashAddress: FLASH_START,
  expectedDevId: 0x433,
  flashSizeKiB: 512,
});

export const NUCLEO_L476RG = withStlink(nucleoL476, {
  family: "stm32l4",
  flashAddress: FLASH_START,
  expectedDevId: 0x415,
  flashSizeKiB: 1024,
});

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function randomImage(length: number, seed = 0x1234_5679): Uint8Array {
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
  device: VirtualStlinkDevice;
  events: FlashEvent[];
  error?: FlashError;
}

/** Runs the public flash() against a virtual ST-LINK; a FlashError is returned, anything else thrown. */
export async function flashVirtual(
  parts: FlashPart[],
  options: VirtualStlinkOptions & {
    board?: Board;
    signal?: AbortSignal;
    onEvent?: (event: FlashEvent) => void;
    device?: VirtualStlinkDevice;
    usb?: UsbDeviceLike;
  } = {},
): Promise<FlashRun> {
  const device = options.device ?? new VirtualStlinkDevice(options);
  const events: FlashEvent[] = [];
  try {
    await flash({
      device: options.usb ?? device,
      board: options.board ?? BLUEPILL,
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

/** Index of the first differing byte, or -1 (toEqual on large typed arrays is slow). */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}
