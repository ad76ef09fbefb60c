import { FlashError, type FlashEvent, type FlashOptions, type FlashPart, type Flasher } from "../types";
import { cancelledError, toEspFlashError, type FailureContext, type Stage } from "./esp-errors";
import { EspSession, type SessionHooks } from "./esp-session";
import { md5Hex } from "./md5";
import { checkParts } from "./parts";
import { isDeviceLost, WatchedPort } from "./watch-port";

export interface EspFlasherConfig {
  /** Reset-and-sync rounds per connection; esptool-js's default of 7 gives up after about 5 s. */
  connectAttempts?: number;
  /** Receives esptool-js's log lines and transport traces (silent by default). */
  debug?: (line: string) => void;
}

/**
 * Flashes ESP8266/ESP32 boards over Web Serial with esptool-js: connect at 115200, identify the chip
 * and refuse the wrong one, run the flasher stub, raise the baud (falling back to the board's
 * fallbackBaud when the link cannot carry it), write every part compressed, check each part's MD5
 * against the chip's, then pulse EN to boot the new app. Events: connecting, detecting, detected,
 * [erasing], writing, verifying, resetting, done. Failures reject with a FlashError.
 */
export function createEspFlasher(config: EspFlasherConfig = {}): Flasher {
  return { flash: (options) => flashEsp(options, config) };
}

export const espFlasher: Flasher = createEspFlasher();

async function flashEsp(options: FlashOptions, config: EspFlasherConfig): Promise<void> {
  const { board, signal } = options;
  const method = board.flash;
  if (method.protocol !== "esptool") {
    throw new FlashError("unsupported-board", `${board.name} is not flashed with esptool.`);
  }
  if (!options.port) throw new FlashError("no-device", "Choose the board's serial port first.");
  const parts = checkParts(options.parts, method.flashSize, board.name);
  if (signal?.aborted) throw cancelledError("open");

  const started = Date.now();
  const port = new WatchedPort(options.port);
  const total = parts.reduce((sum, part) => sum + part.data.length, 0);
  const ctx: FailureContext = {
    stage: "open",
    written: 0,
    total,
    offset: parts[0].offset,
    port,
    signal,
    boardChip: method.chip,
  };
  const emit = (event: FlashEvent) => options.onEvent?.(event);
  const hooks: SessionHooks = { emit, setStage: (stage: Stage) => (ctx.stage = stage), debug: config.debug };
  const request = { port, attempts: config.connectAttempts ?? 7, expectedChip: method.chip, boardName: board.name };
  const onAbort = () => port.abort(cancelledError(ctx.stage));
  signal?.addEventListener("abort", onAbort, { once: true });

  let session: EspSession | undefined;
  const attempt = async (baud: number, note?: string) => {
    session = await EspSession.open({ ...request, baud, note }, hooks);
    await writeParts(session, parts, options.eraseAll === true, ctx, emit);
  };
  const run = async () => {
    try {
      await attempt(method.baud);
    } catch (error) {
      const usedBaud = session?.baud ?? method.baud;
      if (!canFallBack(error, ctx, usedBaud, method.fallbackBaud)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await session?.close();
      session = undefined;
      ctx.written = 0;
      await attempt(
        method.fallbackBaud,
        `${usedBaud} baud failed (${reason}); retrying at ${method.fallbackBaud} baud.`,
      );
    }
    const ready = session as EspSession | undefined;
    if (!ready) throw new FlashError("device-error", "The flashing session ended unexpectedly.");
    ctx.stage = "reset";
    emit({ state: "resetting" });
    // The image is written and verified: a failed reset pulse only means the user presses EN.
    await ready.hardReset().catch((error) => config.debug?.(`hard reset failed: ${String(error)}`));
  };

  try {
    await untilAborted(run(), signal);
  } catch (error) {
    const failure = signal?.aborted ? cancelledError(ctx.stage) : toEspFlashError(error, ctx);
    const open = session as EspSession | undefined;
    if (open && !port.lost && failure.code !== "disconnected") await open.hardReset().catch(() => {});
    throw failure;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await (session as EspSession | undefined)?.close();
  }
  emit({ state: "done", bytes: total, durationMs: Date.now() - started });
}

/** Writes every part through the stub, compressed; esptool-js checks each part's MD5 right after it. */
async function writeParts(
  session: EspSession,
  parts: FlashPart[],
  eraseAll: boolean,
  ctx: FailureContext,
  emit: (event: FlashEvent) => void,
): Promise<void> {
  const { loader } = session;
  if (eraseAll) {
    ctx.stage = "erase";
    emit({ state: "erasing" });
    await loader.eraseFlash();
  }
  ctx.stage = "write";
  const starts: number[] = [];
  let offsetInImage = 0;
  for (const part of parts) {
    starts.push(offsetInImage);
    offsetInImage += part.data.length;
  }
  let last = -1;
  let writeStarted = 0;
  const reportProgress = (index: number, sent: number, compressedTotal: number) => {
    ctx.offset = parts[index].offset;
    const fraction = compressedTotal > 0 ? Math.min(1, sent / compressedTotal) : 1;
    const written = starts[index] + Math.round(parts[index].data.length * fraction);
    if (written > last) {
      if (last < 0) writeStarted = Date.now();
      last = written;
      ctx.written = written;
      const seconds = (Date.now() - writeStarted) / 1000;
      const rate = seconds > 0 && written > 0 ? { bytesPerSecond: Math.round(written / seconds) } : {};
      emit({ state: "writing", written, total: ctx.total, ...rate });
    }
    if (index === parts.length - 1 && sent >= compressedTotal && ctx.stage === "write") {
      ctx.stage = "verify";
      emit({ state: "verifying", verified: 0, total: ctx.total });
    }
  };
  await loader.writeFlash({
    fileArray: parts.map((part) => ({ data: part.data, address: part.offset })),
    // Keep the headers the build wrote; changing them would also change what the MD5 is checked against.
    flashMode: "keep",
    flashFreq: "keep",
    flashSize: "keep",
    eraseAll: false,
    compress: true,
    reportProgress,
    calculateMD5Hash: md5Hex,
  });
  if ((ctx.stage as Stage) !== "verify") throw new FlashError("verify-failed", "The last part was never verified.");
  emit({ state: "verifying", verified: ctx.total, total: ctx.total });
}

function canFallBack(error: unknown, ctx: FailureContext, usedBaud: number, fallbackBaud: number): boolean {
  if (error instanceof FlashError || ctx.signal?.aborted || ctx.port.lost || isDeviceLost(error)) return false;
  if (error instanceof Error && /MD5 of file does not match/i.test(error.message)) return false;
  return usedBaud > fallbackBaud && (ctx.stage === "baud" || ctx.stage === "write");
}

/** Rejects as soon as the signal aborts; the abandoned work fails on its own once the port refuses it. */
function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
