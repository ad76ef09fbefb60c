/**
 * Flashes an STM32 through its ROM DfuSe bootloader (USB DFU 1.1 + ST AN3156 extensions) over WebUSB:
 * erase only the sectors the image touches, write in wTransferSize blocks, read everything back, then
 * leave DFU mode so the new firmware starts.
 */
import { FlashError, type FlashEvent, type FlashOptions, type FlashPart, type Flasher } from "../types";
import { DfuClient, DfuDeviceLostError, DfuState, DfuStatusError } from "./dfu-protocol";
import { toDfuseFlashError, type FlashProgress } from "./dfuse-errors";
import { detectTarget, openDevice, planFlash } from "./dfuse-target";
import { hex } from "./parse-memory-layout";

/** Block numbers are 16-bit; after block 0xffff the address pointer is moved and numbering restarts at 2. */
const LAST_BLOCK = 0xffff;

export const dfuseFlasher: Flasher = { flash: flashDfuse };

export async function flashDfuse(options: FlashOptions): Promise<void> {
  const { device, board, signal } = options;
  const emit = (event: FlashEvent) => options.onEvent?.(event);
  const started = performance.now();
  const progress: FlashProgress = { phase: "connecting", done: 0, total: 0 };
  try {
    if (board.flash.protocol !== "dfuse") {
      throw new FlashError("unsupported-board", `${board.name} is not flashed with DfuSe (${board.flash.protocol}).`);
    }
    if (!device) throw new FlashError("no-device", `No USB device was chosen. ${board.flash.enterBootloader}`);
    const startAddress = board.flash.address;
    emit({ state: "connecting" });
    await openDevice(device);
    if (signal?.aborted) throw new FlashError("cancelled", "Flashing was cancelled before anything was written.");

    progress.phase = "detecting";
    emit({ state: "detecting" });
    const firstOffset = options.parts.reduce((low, part) => Math.min(low, part.offset), Infinity);
    const target = await detectTarget(
      device,
      board.flash.memoryLayout,
      Number.isFinite(firstOffset) ? firstOffset : startAddress,
    );
    const client = new DfuClient(device, target.interfaceNumber, target.transferSize, signal);
    emit({ state: "detected", chip: target.chip, detail: target.detail });
    const plan = planFlash(options.parts, target.layout);

    // A previous session may have left the bootloader in dfuERROR or mid-transfer.
    await client.abortToIdle();

    Object.assign(progress, { phase: "erasing", done: 0, total: plan.sectors.length });
    emit({ state: "erasing", erased: 0, total: plan.sectors.length });
    for (const sector of plan.sectors) {
      progress.address = sector;
      await client.eraseSector(sector);
      progress.done++;
      emit({ state: "erasing", erased: progress.done, total: plan.sectors.length });
    }

    Object.assign(progress, { phase: "writing", done: 0, total: plan.totalBytes, address: undefined });
    emit({ state: "writing", written: 0, total: plan.totalBytes });
    const writeStarted = performance.now();
    for (const part of plan.parts) {
      await writePart(client, part, progress, (written) => {
        const seconds = (performance.now() - writeStarted) / 1000;
        const bytesPerSecond = seconds > 0 ? Math.round(written / seconds) : undefined;
        emit({ state: "writing", written, total: plan.totalBytes, bytesPerSecond });
      });
    }

    Object.assign(progress, { phase: "verifying", done: 0, total: plan.totalBytes, address: undefined });
    emit({ state: "verifying", verified: 0, total: plan.totalBytes });
    for (const part of plan.parts) {
      await verifyPart(client, part, progress, (verified) =>
        emit({ state: "verifying", verified, total: plan.totalBytes }),
      );
    }

    Object.assign(progress, { phase: "resetting", done: 0, total: 0, address: undefined });
    emit({ state: "resetting" });
    await leaveDfu(client, startAddress);
    await device.close().catch(() => undefined);
    emit({ state: "done", bytes: plan.totalBytes, durationMs: Math.round(performance.now() - started) });
  } catch (error) {
    const failure = toDfuseFlashError(error, progress, signal);
    // The next session's abortToIdle() clears whatever state the bootloader is left in.
    if (device?.opened) await device.close().catch(() => undefined);
    throw failure;
  }
}

async function writePart(
  client: DfuClient,
  part: FlashPart,
  progress: FlashProgress,
  onProgress: (written: number) => void,
): Promise<void> {
  const { transferSize } = client;
  let block = LAST_BLOCK + 1;
  for (let position = 0; position < part.data.length; position += transferSize) {
    const address = part.offset + position;
    progress.address = address;
    if (block > LAST_BLOCK) {
      await client.setAddress(address);
      block = 2;
    }
    const chunk = part.data.subarray(position, position + transferSize);
    await client.download(block++, chunk, `Write ${hex(address)}`);
    progress.done += chunk.length;
    onProgress(progress.done);
  }
}

async function verifyPart(
  client: DfuClient,
  part: FlashPart,
  progress: FlashProgress,
  onProgress: (verified: number) => void,
): Promise<void> {
  const { transferSize } = client;
  let block = LAST_BLOCK + 1;
  for (let position = 0; position < part.data.length; position += transferSize) {
    const address = part.offset + position;
    progress.address = address;
    if (block > LAST_BLOCK) {
      // UPLOAD is only accepted from dfuIDLE, so: idle → set the pointer → back to idle.
      await client.abortToIdle();
      await client.setAddress(address);
      await client.abort();
      block = 2;
    }
    const expected = part.data.subarray(position, position + transferSize);
    const actual = await client.upload(block++, expected.length);
    const mismatch = firstMismatch(expected, actual);
    if (mismatch !== undefined) {
      const at = address + mismatch;
      const differing = countMismatches(expected, actual);
      throw new FlashError(
        "verify-failed",
        mismatch >= actual.length
          ? `Read-back stopped short at ${hex(at)}: asked for ${expected.length} bytes, got ${actual.length}.`
          : `Read-back differs at ${hex(at)}: wrote 0x${byteHex(expected[mismatch])}, read 0x${byteHex(actual[mismatch])} ` +
              `(${differing} of ${expected.length} bytes differ in the block at ${hex(address)}). The flash may be worn or protected; erase and flash again.`,
      );
    }
    progress.done += expected.length;
    onProgress(progress.done);
  }
}

function firstMismatch(expected: Uint8Array, actual: Uint8Array): number | undefined {
  for (let i = 0; i < expected.length; i++) if (i >= actual.length || expected[i] !== actual[i]) return i;
  return undefined;
}

function countMismatches(expected: Uint8Array, actual: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < expected.length; i++) if (expected[i] !== actual[i]) count++;
  return count;
}

const byteHex = (value: number) => value.toString(16).padStart(2, "0");

/**
 * AN3156 "leave DFU": point at the vector table, send a zero-length DNLOAD and ask for the status. The
 * ROM then resets into the application, so the device vanishing here is the expected outcome.
 */
async function leaveDfu(client: DfuClient, startAddress: number): Promise<void> {
  try {
    await client.abortToIdle();
    await client.setAddress(startAddress);
    await client.dnload(0, new Uint8Array(0), "Leave DFU mode");
    const report = await client.getStatus();
    if (report.state === DfuState.dfuERROR) throw new DfuStatusError(report.status, report.state, "Leave DFU mode");
  } catch (error) {
    if (error instanceof DfuDeviceLostError) return;
    if ((error as { name?: unknown }).name === "AbortError") throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new FlashError(
      "device-error",
      `The firmware was written and verified, but the board did not leave DFU mode (${why}). Press its reset button to start it.`,
    );
  }
}
