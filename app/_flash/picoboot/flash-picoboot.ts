/**
 * Flashes a Raspberry Pi Pico (RP2040) in BOOTSEL mode over the boot ROM's PICOBOOT interface, as
 * picotool does: exclusive access (the RPI-RP2 drive is ejected), exit XIP, erase only the 4 KiB sectors
 * the image touches, write whole pages, read everything back, then reboot into the new program.
 */
import { FlashError, type FlashEvent, type FlashOptions, type Flasher } from "../types";
import { hex, PicobootClient, PicobootDeviceLostError, type PicobootClientOptions } from "./picoboot-client";
import { toPicobootFlashError, type FlashProgress } from "./picoboot-errors";
import { planImage, type PicobootChunk } from "./picoboot-image";
import { readPicobootMethod } from "./picoboot-method";
import { ExclusiveAccess } from "./picoboot-protocol";
import { checkBootsel, openPicoboot } from "./picoboot-target";

/** The watchdog reboot waits this long, so the status phase of REBOOT reaches the host first. */
export const REBOOT_DELAY_MS = 100;

export type PicobootFlasherSettings = Omit<PicobootClientOptions, "signal">;

export function createPicobootFlasher(settings: PicobootFlasherSettings = {}): Flasher {
  return { flash: (options) => flashPicoboot(options, settings) };
}

export const picobootFlasher: Flasher = createPicobootFlasher();

async function flashPicoboot(options: FlashOptions, settings: PicobootFlasherSettings): Promise<void> {
  const { device, board, signal } = options;
  const emit = (event: FlashEvent) => options.onEvent?.(event);
  const started = performance.now();
  const progress: FlashProgress = { phase: "connecting", done: 0, total: 0 };
  try {
    const method = readPicobootMethod(board);
    if (!device) throw new FlashError("no-device", `No USB device was chosen. ${method.enterBootloader}`);
    emit({ state: "connecting" });
    checkBootsel(device, method.enterBootloader);
    const endpoints = await openPicoboot(device);
    if (signal?.aborted) throw new FlashError("cancelled", "Flashing was cancelled before anything was written.");

    progress.phase = "detecting";
    emit({ state: "detecting" });
    const client = new PicobootClient(device, endpoints, { ...settings, signal });
    // A previous session may have left a command half done or an endpoint halted.
    await client.resetInterface();
    emit({
      state: "detected",
      chip: "RP2040 (BOOTSEL)",
      detail: `PICOBOOT on interface ${endpoints.interfaceNumber}, ${method.flashBytes / 1024} KiB flash at ${hex(method.flashAddress)}`,
    });
    const plan = planImage(options.parts, method);
    await client.exclusiveAccess(ExclusiveAccess.EXCLUSIVE_AND_EJECT);
    await client.exitXip();

    Object.assign(progress, { phase: "erasing", done: 0, total: plan.sectorCount });
    emit({ state: "erasing", erased: 0, total: plan.sectorCount });
    for (const erase of plan.erases) {
      progress.address = erase.address;
      await client.flashErase(erase.address, erase.size);
      progress.done += erase.size / 4096;
      emit({ state: "erasing", erased: progress.done, total: plan.sectorCount });
    }

    Object.assign(progress, { phase: "writing", done: 0, total: plan.totalBytes, address: undefined });
    emit({ state: "writing", written: 0, total: plan.totalBytes });
    const writeStarted = performance.now();
    for (const chunk of plan.chunks) {
      progress.address = chunk.address;
      await client.write(chunk.address, chunk.data);
      progress.done += chunk.data.length;
      const seconds = (performance.now() - writeStarted) / 1000;
      const bytesPerSecond = seconds > 0 ? Math.round(progress.done / seconds) : undefined;
      emit({ state: "writing", written: progress.done, total: plan.totalBytes, bytesPerSecond });
    }

    Object.assign(progress, { phase: "verifying", done: 0, total: plan.totalBytes, address: undefined });
    emit({ state: "verifying", verified: 0, total: plan.totalBytes });
    for (const chunk of plan.chunks) {
      progress.address = chunk.address;
      verifyChunk(chunk, await client.read(chunk.address, chunk.data.length));
      progress.done += chunk.data.length;
      emit({ state: "verifying", verified: progress.done, total: plan.totalBytes });
    }

    Object.assign(progress, { phase: "resetting", done: 0, total: 0, address: undefined });
    emit({ state: "resetting" });
    await rebootIntoProgram(client);
    await device.close().catch(() => undefined);
    emit({ state: "done", bytes: plan.totalBytes, durationMs: Math.round(performance.now() - started) });
  } catch (error) {
    const failure = toPicobootFlashError(error, progress, signal);
    // Closing cancels a transfer the Pico never answered; the next session resets the interface.
    if (device?.opened) await device.close().catch(() => undefined);
    throw failure;
  }
}

function verifyChunk(chunk: PicobootChunk, actual: Uint8Array): void {
  const expected = chunk.data;
  let first = -1;
  let differing = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === actual[i]) continue;
    if (first < 0) first = i;
    differing++;
  }
  if (first < 0) return;
  const byte = (value: number | undefined) => (value ?? 0).toString(16).padStart(2, "0");
  throw new FlashError(
    "verify-failed",
    `Read-back differs at ${hex(chunk.address + first)}: wrote 0x${byte(expected[first])}, read 0x${byte(actual[first])} ` +
      `(${differing} of ${expected.length} bytes differ in the block at ${hex(chunk.address)}). ` +
      "The flash may be worn; flash again, and if it repeats the chip needs replacing.",
  );
}

/** pc = 0, sp = 0: the normal boot path, which runs boot2 from flash and then the new program. */
async function rebootIntoProgram(client: PicobootClient): Promise<void> {
  try {
    await client.reboot(0, 0, REBOOT_DELAY_MS);
  } catch (error) {
    // Gone before the status phase: the watchdog fired early, which is the outcome we asked for.
    if (error instanceof PicobootDeviceLostError) return;
    if ((error as { name?: unknown }).name === "AbortError") throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new FlashError(
      "device-error",
      `The firmware was written and verified, but the Pico did not reboot (${why}). Unplug it and plug it back in (without BOOTSEL) to start it.`,
    );
  }
}
