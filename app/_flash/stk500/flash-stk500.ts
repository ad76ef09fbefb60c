/**
 * Flashes AVR boards through their serial bootloader: STK500v1 (Optiboot on the Uno and Nano, the
 * old ATmegaBOOT at 57600 baud) or STK500v2 (the Mega 2560's wiring bootloader). Opens the port,
 * pulses DTR/RTS to reset the MCU into the bootloader, syncs, checks the signature, writes page by
 * page, reads everything back, and leaves programming mode so the new program starts.
 */
import type { Board } from "../../../boards/schema";
import { FlashError, type FlashEvent, type FlashOptions, type Flasher, type SerialPortLike } from "../types";
import {
  avrChipName,
  buildAvrImage,
  formatBytes,
  formatSignature,
  oldBootloaderLimit,
  totalFlashBytes,
} from "./avr-image";
import type { AvrImage } from "./avr-image";
import { defaultStk500Timing, type AvrBootloader, type Stk500Timing } from "./protocol";
import { cancelled, SerialLink } from "./serial-link";
import { Stk500v1Client } from "./stk500v1";
import { Stk500v2Client } from "./stk500v2";

type Stk500Method = Extract<Board["flash"], { protocol: "stk500v1" | "stk500v2" }>;

interface Session {
  link: SerialLink;
  client: AvrBootloader;
  baud: number;
}

interface Progress {
  phase: "connecting" | "writing" | "verifying" | "resetting";
  written: number;
  total: number;
}

/** Errors after which the bootloader still listens: leave programming mode so the old program runs again. */
const LEAVE_AFTER = new Set(["wrong-chip", "verify-failed", "image-too-large", "device-error"]);

export function createStk500Flasher(timing: Partial<Stk500Timing> = {}): Flasher {
  const resolved: Stk500Timing = { ...defaultStk500Timing, ...timing };
  return { flash: (options) => flashAvr(options, resolved) };
}

export const stk500Flasher: Flasher = createStk500Flasher();

async function flashAvr(options: FlashOptions, timing: Stk500Timing): Promise<void> {
  const { board, port, signal } = options;
  const emit = (event: FlashEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // a failing listener must not break a flash half-way
    }
  };
  const started = performance.now();
  const progress: Progress = { phase: "connecting", written: 0, total: 0 };
  let session: Session | null = null;
  let failure: FlashError | null = null;
  let bytes = 0;
  try {
    const method = board.flash;
    if (method.protocol !== "stk500v1" && method.protocol !== "stk500v2") {
      throw new FlashError("unsupported-board", `The ${board.name} is not flashed over STK500 (${method.protocol}).`);
    }
    if (!port) throw new FlashError("no-device", "No serial port selected: pick the board's port and try again.");
    if (signal?.aborted) throw cancelled();
    let image = buildAvrImage(options.parts, board, method.pageSize);
    emit({ state: "connecting" });
    session = await connect(port, board, method, timing, signal);
    emit({ state: "detecting" });
    const { signature, detail } = await session.client.identify();
    const chip = avrChipName(signature) ?? "unknown AVR";
    const sig = formatSignature(signature);
    emit({ state: "detected", chip: chip === "unknown AVR" ? `${chip} (${sig})` : chip, detail });
    if (sig !== formatSignature(method.signature)) {
      throw new FlashError(
        "wrong-chip",
        `The board answers as ${article(chip)} ${chip} (${sig}), but the node is built for ` +
          `${article(board.name)} ${board.name} (${board.mcu}). Pick the right port, or change the node's board.`,
      );
    }
    if (session.baud !== method.baud) {
      // Synced through the 57600-baud fallback: the old 2 KiB bootloader leaves less room.
      image = buildAvrImage(options.parts, board, method.pageSize, oldBootloaderLimit(board));
    }
    await writeImage(session.client, image, method.pageSize, progress, emit);
    await verifyImage(session.client, image, method.pageSize, progress, emit);
    progress.phase = "resetting";
    emit({ state: "resetting" });
    await session.client.leave();
    bytes = image.size;
  } catch (error) {
    failure = toFlashError(error, progress);
    if (session && LEAVE_AFTER.has(failure.code)) await session.client.leave(300).catch(() => {});
  } finally {
    await session?.link.close();
  }
  // The `error` event is emitted once, by app/_flash/index.ts, for every flasher.
  if (failure) throw failure;
  emit({ state: "done", bytes, durationMs: Math.round(performance.now() - started) });
}

async function connect(
  port: SerialPortLike,
  board: Board,
  method: Stk500Method,
  timing: Stk500Timing,
  signal: AbortSignal | undefined,
): Promise<Session> {
  const fallbacks = method.protocol === "stk500v1" ? timing.fallbackBauds.filter((b) => b !== method.baud) : [];
  const bauds = [method.baud, ...fallbacks];
  for (const baud of bauds) {
    const link = await SerialLink.open(port, baud, signal);
    try {
      await resetIntoBootloader(link, timing);
      const client: AvrBootloader =
        method.protocol === "stk500v1"
          ? new Stk500v1Client(
              link,
              { pageSize: method.pageSize, flashBytes: totalFlashBytes(board), eepromBytes: eepromBytes(board) },
              timing.commandTimeoutMs,
              baud,
            )
          : new Stk500v2Client(link, totalFlashBytes(board), timing.commandTimeoutMs, baud);
      if (await client.sync(timing.syncAttempts, timing.syncTimeoutMs)) return { link, client, baud };
    } catch (error) {
      await link.close();
      throw error;
    }
    await link.close();
  }
  throw new FlashError("sync-failed", syncAdvice(board, method, bauds));
}

/** DTR/RTS deasserted, then asserted: the USB bridge pulls RESET low through a capacitor. */
async function resetIntoBootloader(link: SerialLink, timing: Stk500Timing): Promise<void> {
  const setSignals = async (on: boolean) => {
    try {
      await link.setSignals({ dataTerminalReady: on, requestToSend: on });
    } catch (error) {
      if (error instanceof FlashError) throw error;
      // Some bridges refuse control lines; a board reset by hand can still sync.
    }
  };
  await setSignals(false);
  await link.sleep(timing.resetLowMs);
  await setSignals(true);
  await link.sleep(timing.bootWaitMs);
  link.drain();
}

async function writeImage(
  client: AvrBootloader,
  image: AvrImage,
  pageSize: number,
  progress: Progress,
  emit: (event: FlashEvent) => void,
): Promise<void> {
  Object.assign(progress, { phase: "writing", written: 0, total: image.size });
  emit({ state: "writing", written: 0, total: image.size });
  const start = performance.now();
  for (let address = 0; address < image.data.length; address += pageSize) {
    await client.writePage(address, image.data.subarray(address, address + pageSize));
    progress.written = Math.min(image.size, address + pageSize);
    const seconds = (performance.now() - start) / 1000;
    const event: FlashEvent = { state: "writing", written: progress.written, total: image.size };
    if (seconds > 0) event.bytesPerSecond = Math.round(progress.written / seconds);
    emit(event);
  }
}

async function verifyImage(
  client: AvrBootloader,
  image: AvrImage,
  pageSize: number,
  progress: Progress,
  emit: (event: FlashEvent) => void,
): Promise<void> {
  progress.phase = "verifying";
  emit({ state: "verifying", verified: 0, total: image.size });
  for (let address = 0; address < image.data.length; address += pageSize) {
    const expected = image.data.subarray(address, address + pageSize);
    const actual = await client.readPage(address, expected.length);
    const at = expected.findIndex((byte, i) => actual[i] !== byte);
    if (at >= 0) {
      const where = `0x${(address + at).toString(16).padStart(4, "0")}`;
      throw new FlashError(
        "verify-failed",
        `Verification failed at ${where}: wrote 0x${hex(expected[at])}, read back 0x${hex(actual[at] ?? 0)}. ` +
          "Flash again; if it keeps failing, the flash may be worn or the USB connection noisy.",
      );
    }
    emit({ state: "verifying", verified: Math.min(image.size, address + pageSize), total: image.size });
  }
}

function toFlashError(error: unknown, progress: Progress): FlashError {
  if (!(error instanceof FlashError)) {
    const text = error instanceof Error ? error.message : String(error);
    return new FlashError("device-error", `Flashing failed unexpectedly: ${text}`);
  }
  const { phase, written, total } = progress;
  const percent = total > 0 ? Math.floor((written / total) * 100) : 0;
  const figures = `${formatBytes(written)} of ${formatBytes(total)} bytes`;
  if (error.code === "disconnected") {
    const where =
      phase === "writing"
        ? `at ${percent} % of the write (${figures})`
        : phase === "verifying"
          ? `while verifying (all ${formatBytes(total)} bytes were written)`
          : phase === "resetting"
            ? "after writing and verifying everything"
            : "before anything was written";
    return new FlashError(
      "disconnected",
      `The board disconnected ${where}. Check the USB cable and flash again; ` +
        "the bootloader is never overwritten, so the board can always be reflashed.",
    );
  }
  if (error.code === "timeout" && phase === "writing") {
    return new FlashError("timeout", `${error.message} The write stopped at ${percent} % (${figures}).`);
  }
  return error;
}

function syncAdvice(board: Board, method: Stk500Method, bauds: number[]): string {
  const bootloader = method.protocol === "stk500v1" ? "Optiboot (STK500v1)" : "STK500v2";
  const tried = bauds.map((b) => `${b}`).join(" and ");
  const oldBoot =
    method.protocol !== "stk500v1"
      ? ""
      : bauds.includes(57600)
        ? " 57600 baud, the old bootloader of older Nanos and clones, was tried too."
        : " Older Nanos and clones use the old bootloader at 57600 baud.";
  return (
    `No answer from the ${board.name}'s bootloader at ${tried} baud. Is this the board's port (not another USB ` +
    `serial device) and is no other program using it? Is it ${article(board.name)} ${board.name} with its ` +
    `${bootloader} bootloader intact?${oldBoot} If it still fails, press the board's reset button just as ` +
    "flashing starts."
  );
}

function eepromBytes(board: Board): number {
  return board.memoryMap.find((r) => r.kind === "eeprom")?.length ?? 0;
}

const hex = (n: number) => n.toString(16).padStart(2, "0");
const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
