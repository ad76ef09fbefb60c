/**
 * Flashes an STM32 through an ST-LINK/V2 or V2-1 over WebUSB, as st-flash does: identify the chip
 * before anything is written, halt it, unlock the flash controller, erase only the pages or sectors the
 * image touches, program at the width the family needs, read everything back, then reset and run.
 *
 * Programming goes through the probe's plain memory writes, with no flash loader in SRAM: each access
 * to a flash address stalls the debug bus until the controller has programmed it, so a 1 KiB
 * WRITEMEM is programmed in order without polling in between, and the status register is checked after
 * every block. A loader would only save USB round trips, at the price of per-family Thumb code,
 * SRAM layout assumptions and a running core.
 */
import { FlashError, type FlashEvent, type FlashOptions, type FlashPart, type Flasher } from "../types";
import {
  alignParts,
  type EraseUnit,
  FLASH_CONTROLLERS,
  type FlashController,
  FlashControllerLockedError,
  hex32,
  type ProgramPlan,
} from "./families";
import { MAX_BYTE_TRANSFER, MAX_MEMORY_TRANSFER } from "./stlink-constants";
import { toStlinkFlashError, type FlashProgress } from "./stlink-errors";
import { readStlinkMethod } from "./stlink-method";
import { probeModelOf, StlinkProbe } from "./stlink-probe";
import { identifyTarget, outdatedError, resetAndRun, startSession } from "./stlink-session";

export type { StlinkFamily, StlinkMethod } from "./stlink-method";

export const stlinkFlasher: Flasher = { flash: flashStlink };

const KiB = 1024;

export async function flashStlink(options: FlashOptions): Promise<void> {
  const { device, board, signal } = options;
  const emit = (event: FlashEvent) => options.onEvent?.(event);
  const started = performance.now();
  const progress: FlashProgress = { phase: "connecting", done: 0, total: 0 };
  let probe: StlinkProbe | undefined;
  try {
    const method = readStlinkMethod(board);
    if (!device) {
      throw new FlashError(
        "no-device",
        "No ST-LINK was chosen. Plug it in, wire SWDIO, SWCLK, GND and 3.3 V to the board, and pick it.",
      );
    }
    const model = probeModelOf(device);
    if (!model) {
      const id = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
      throw new FlashError(
        "no-device",
        `${device.productName ?? id} (${id}) is not an ST-LINK/V2 (0483:3748) or V2-1 (0483:374b).`,
      );
    }
    emit({ state: "connecting" });
    probe = await StlinkProbe.open(device, model, signal);
    const session = await startSession(probe);

    progress.phase = "detecting";
    emit({ state: "detecting" });
    const controller = FLASH_CONTROLLERS[method.family]();
    const identity = await identifyTarget(probe, controller, method, board.name);
    const plan = controller.programPlan(session.volts);
    if (session.version.jtag < plan.minJtagVersion) {
      throw outdatedError(
        model.name,
        session.version,
        plan.minJtagVersion,
        `programming ${controller.family} flash with ${plan.description}`,
      );
    }
    const units = controller.eraseUnits(method.flashAddress, method.flashSizeKiB * KiB, identity.devId);
    emit({
      state: "detected",
      chip: `${controller.family} DEV_ID 0x${identity.devId.toString(16)} rev 0x${identity.revId.toString(16)} via ${model.name} ${session.version.label}`,
      detail:
        `${identity.flashKiB} KiB flash, ${session.volts === undefined ? "supply not measured" : `${session.volts.toFixed(2)} V`}, ` +
        `programming ${plan.description}`,
    });

    const parts = alignParts(options.parts, plan.align);
    const touched = unitsFor(parts, units, method.flashAddress, method.flashSizeKiB);
    const locked = await controller.protectedUnits(probe, touched);
    if (locked.length > 0) {
      throw new FlashError(
        "write-protected",
        `${locked.length} of the ${touched.length} pages/sectors the image needs are write-protected (first at ${hex32(locked[0].start)}). ` +
          `Nothing was erased. Clear the protection (STM32CubeProgrammer → Option bytes → Write protection), then flash again.`,
      );
    }
    const totalBytes = parts.reduce((sum, part) => sum + part.data.length, 0);

    await unlockFlash(probe, controller);
    Object.assign(progress, { phase: "erasing", done: 0, total: touched.length });
    emit({ state: "erasing", erased: 0, total: touched.length });
    for (const unit of touched) {
      progress.address = unit.start;
      await controller.erase(probe, unit, plan, signal);
      progress.done++;
      emit({ state: "erasing", erased: progress.done, total: touched.length });
    }

    Object.assign(progress, { phase: "writing", done: 0, total: totalBytes, address: undefined });
    emit({ state: "writing", written: 0, total: totalBytes });
    const writeStarted = performance.now();
    await controller.beginProgramming(probe, plan);
    for (const part of parts) {
      await writePart(probe, controller, plan, part, progress, signal, () => {
        const seconds = (performance.now() - writeStarted) / 1000;
        const bytesPerSecond = seconds > 0 ? Math.round(progress.done / seconds) : undefined;
        emit({ state: "writing", written: progress.done, total: totalBytes, bytesPerSecond });
      });
    }
    await controller.endProgramming(probe);

    Object.assign(progress, { phase: "verifying", done: 0, total: totalBytes, address: undefined });
    emit({ state: "verifying", verified: 0, total: totalBytes });
    for (const part of parts) {
      await verifyPart(probe, part, progress, () =>
        emit({ state: "verifying", verified: progress.done, total: totalBytes }),
      );
    }

    Object.assign(progress, { phase: "resetting", done: 0, total: 0, address: undefined });
    emit({ state: "resetting" });
    await controller.lock(probe);
    await resetAndRun(probe);
    await probe.close();
    emit({ state: "done", bytes: totalBytes, durationMs: Math.round(performance.now() - started) });
  } catch (error) {
    const failure = toStlinkFlashError(error, progress, signal);
    if (device?.opened) await device.close().catch(() => undefined);
    throw failure;
  }
}

const hex4 = (value: number) => value.toString(16).padStart(4, "0");

/**
 * A wrong key (from the firmware on the chip, or an interrupted tool) locks the controller until the next
 * reset; resetting with the halt request still set keeps the core halted, so one retry is safe.
 */
async function unlockFlash(probe: StlinkProbe, controller: FlashController): Promise<void> {
  try {
    await controller.unlock(probe);
  } catch (error) {
    if (!(error instanceof FlashControllerLockedError)) throw error;
    await probe.resetSystem();
    await controller.unlock(probe);
  }
}

/** The erase units the parts touch, after checking every part lies inside the board's flash. */
function unitsFor(parts: FlashPart[], units: EraseUnit[], flashAddress: number, flashKiB: number): EraseUnit[] {
  if (parts.length === 0) throw new FlashError("write-failed", "Nothing to flash: the image is empty.");
  const end = flashAddress + flashKiB * KiB;
  for (const part of parts) {
    const partEnd = part.offset + part.data.length;
    if (part.offset < flashAddress || part.offset >= end) {
      throw new FlashError(
        "image-too-large",
        `The image starts at ${hex32(part.offset)}, outside the flash (${hex32(flashAddress)}–${hex32(end - 1)}).`,
      );
    }
    if (partEnd > end) {
      throw new FlashError(
        "image-too-large",
        `The image is ${part.data.length.toLocaleString("en-US")} bytes but the flash holds only ` +
          `${(end - part.offset).toLocaleString("en-US")} bytes from ${hex32(part.offset)}: ${(partEnd - end).toLocaleString("en-US")} bytes too many.`,
      );
    }
  }
  return units.filter((unit) =>
    parts.some((part) => part.offset < unit.start + unit.size && part.offset + part.data.length > unit.start),
  );
}

/** Blocks of at most `limit` bytes that never cross a 1 KiB boundary (the debug port's auto-increment wraps there). */
function* blocks(part: FlashPart, limit: number): Generator<{ address: number; data: Uint8Array }> {
  let position = 0;
  while (position < part.data.length) {
    const address = part.offset + position;
    const room = Math.min(limit, MAX_MEMORY_TRANSFER - (address % MAX_MEMORY_TRANSFER), part.data.length - position);
    yield { address, data: part.data.subarray(position, position + room) };
    position += room;
  }
}

async function writePart(
  probe: StlinkProbe,
  controller: FlashController,
  plan: ProgramPlan,
  part: FlashPart,
  progress: FlashProgress,
  signal: AbortSignal | undefined,
  onProgress: () => void,
): Promise<void> {
  const limit = plan.width === 1 ? MAX_BYTE_TRANSFER : MAX_MEMORY_TRANSFER;
  for (const block of blocks(part, limit)) {
    progress.address = block.address;
    // Erased flash already reads 0xFF: blocks of nothing else need no programming.
    if (block.data.some((byte) => byte !== 0xff)) {
      await controller.program(probe, plan, block.address, block.data, signal);
    }
    progress.done += block.data.length;
    onProgress();
  }
}

async function verifyPart(probe: StlinkProbe, part: FlashPart, progress: FlashProgress, onProgress: () => void) {
  for (const block of blocks(part, MAX_MEMORY_TRANSFER)) {
    progress.address = block.address;
    const start = block.address & ~3;
    const length = Math.ceil((block.address + block.data.length - start) / 4) * 4;
    const window = await probe.readMemory32(start, length);
    const actual = window.subarray(block.address - start, block.address - start + block.data.length);
    const at = block.data.findIndex((byte, i) => byte !== actual[i]);
    if (at >= 0) {
      const differing = block.data.reduce((sum, byte, i) => sum + (byte !== actual[i] ? 1 : 0), 0);
      throw new FlashError(
        "verify-failed",
        `Read-back differs at ${hex32(block.address + at)}: wrote 0x${byteHex(block.data[at])}, read 0x${byteHex(actual[at])} ` +
          `(${differing} of ${block.data.length} bytes differ in the block at ${hex32(block.address)}). The flash may be worn; flash again, and replace the chip if it repeats.`,
      );
    }
    progress.done += block.data.length;
    onProgress();
  }
}

const byteHex = (value: number) => value.toString(16).padStart(2, "0");
