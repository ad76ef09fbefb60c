/** Test support: catalogue boards re-routed to the stm32-uart method, and a run through the public flash(). */
import bluepill from "../../../boards/bluepill-f103c8";
import nucleoF401 from "../../../boards/nucleo-f401re";
import discoveryF407 from "../../../boards/stm32f4-discovery";
import type { Board } from "../../../boards/schema";
import { flash } from "../index";
import { FlashError, type FlashEvent, type FlashPart, type SerialPortLike } from "../types";
import type { Stm32UartMethod } from "./method";

/** The catalogue has no "stm32-uart" method yet: only these tests cast it in. */
function withMethod(board: Board, method: Stm32UartMethod): Board {
  return { ...board, flash: method as unknown as Board["flash"] };
}

export const bluePillOverUart = (extra: Partial<Stm32UartMethod> = {}) =>
  withMethod(bluepill, {
    protocol: "stm32-uart",
    baud: 115200,
    expectedChipId: 0x410,
    flashAddress: 0x0800_0000,
    autoEntry: true,
    bootloaderWaitMs: 400,
    ...extra,
  });

export const nucleoF401OverUart = (extra: Partial<Stm32UartMethod> = {}) =>
  withMethod(nucleoF401, {
    protocol: "stm32-uart",
    baud: 115200,
    expectedChipId: 0x433,
    flashAddress: 0x0800_0000,
    autoEntry: true,
    bootloaderWaitMs: 400,
    ...extra,
  });

export const discoveryF407OverUart = (extra: Partial<Stm32UartMethod> = {}) =>
  withMethod(discoveryF407, {
    protocol: "stm32-uart",
    baud: 115200,
    expectedChipId: 0x413,
    flashAddress: 0x0800_0000,
    autoEntry: true,
    bootloaderWaitMs: 400,
    ...extra,
  });

export interface RunResult {
  events: FlashEvent[];
  error: FlashError | null;
}

export async function runFlash(
  port: SerialPortLike,
  board: Board,
  parts: FlashPart[],
  extra: { signal?: AbortSignal; onEvent?: (e: FlashEvent) => void; eraseAll?: boolean } = {},
): Promise<RunResult> {
  const events: FlashEvent[] = [];
  let error: FlashError | null = null;
  try {
    await flash({
      port,
      board,
      parts,
      signal: extra.signal,
      eraseAll: extra.eraseAll,
      onEvent: (event) => {
        events.push(event);
        extra.onEvent?.(event);
      },
    });
  } catch (caught) {
    if (!(caught instanceof FlashError)) throw caught;
    error = caught;
  }
  return { events, error };
}

/** The old content the virtual device starts with at `address` (its default `initialFlash`). */
export const oldByte = (address: number) => ((address * 31 + 7) >>> 3) & 0xff;

export const everyByteIsOld = (memory: Uint8Array, from: number) => memory.every((b, i) => b === oldByte(from + i));
