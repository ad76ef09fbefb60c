/**
 * A byte pipe over a Web Serial-shaped port: one background read loop fills a buffer, `read(n, ms)`
 * takes exactly n bytes or fails with "timeout"; a stream that errors or ends becomes "disconnected";
 * the abort signal becomes "cancelled". `close()` releases both locks and closes the port.
 */
import { FlashError, type SerialPortLike } from "../types";

/** Errors Web Serial raises on a readable that survives them (a new `port.readable` takes over). */
const RECOVERABLE_READ_ERRORS = new Set(["BreakError", "FramingError", "ParityError", "BufferOverrunError"]);

const errorText = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));
const now = () => performance.now();

export class SerialLink {
  private buffer = new Uint8Array(0);
  private wake: (() => void) | null = null;
  private failure: FlashError | null = null;
  private closing = false;
  private readonly pump: Promise<void>;

  private constructor(
    private readonly port: SerialPortLike,
    private reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly writer: WritableStreamDefaultWriter<Uint8Array>,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.pump = this.readLoop();
  }

  static async open(port: SerialPortLike, baudRate: number, signal?: AbortSignal): Promise<SerialLink> {
    if (signal?.aborted) throw cancelled();
    try {
      await port.open({ baudRate, bufferSize: 4096 });
    } catch (error) {
      const busy = /already open/i.test(errorText(error));
      throw new FlashError(
        "open-failed",
        busy
          ? "The serial port is already open: close the serial console, the Arduino IDE's Serial Monitor or another tab using it."
          : `Could not open the serial port (${errorText(error)}). Unplug and replug the board, then try again.`,
      );
    }
    if (!port.readable || !port.writable || port.readable.locked || port.writable.locked) {
      await port.close().catch(() => {});
      throw new FlashError("open-failed", "The serial port opened but its streams are unavailable or in use.");
    }
    return new SerialLink(port, port.readable.getReader(), port.writable.getWriter(), signal);
  }

  private async readLoop(): Promise<void> {
    for (;;) {
      try {
        const { value, done } = await this.reader.read();
        if (done) break;
        if (value && value.length > 0) this.append(value);
      } catch (error) {
        const name = error instanceof Error ? error.name : "";
        if (!this.closing && RECOVERABLE_READ_ERRORS.has(name) && this.port.readable && !this.port.readable.locked) {
          this.reader.releaseLock();
          this.reader = this.port.readable.getReader();
          continue;
        }
        this.fail(`the serial port reported "${errorText(error)}"`);
        return;
      }
    }
    this.fail("the serial port closed");
  }

  private append(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buffer.length + chunk.length);
    next.set(this.buffer);
    next.set(chunk, this.buffer.length);
    this.buffer = next;
    this.wake?.();
  }

  private fail(reason: string): void {
    if (this.closing) return;
    this.failure ??= new FlashError("disconnected", `The board disconnected: ${reason}.`);
    this.wake?.();
  }

  private check(): void {
    if (this.signal?.aborted) throw cancelled();
    if (this.failure) throw this.failure;
  }

  /** Resolves after `ms`, on new data, or on abort: whichever comes first. */
  private waitFor(ms: number, wakeOnData: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal?.removeEventListener("abort", done);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.signal?.addEventListener("abort", done);
      if (wakeOnData) this.wake = done;
    });
  }

  async sleep(ms: number): Promise<void> {
    this.check();
    await this.waitFor(ms, false);
    if (this.signal?.aborted) throw cancelled();
  }

  /** Exactly `n` bytes within `timeoutMs`, else FlashError("timeout"). */
  async read(n: number, timeoutMs: number): Promise<Uint8Array> {
    const deadline = now() + timeoutMs;
    while (this.buffer.length < n) {
      this.check();
      const left = deadline - now();
      if (left <= 0) throw new FlashError("timeout", `No answer within ${timeoutMs} ms.`);
      await this.waitFor(left, true);
    }
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    return out;
  }

  /** Drops whatever has been received so far (line noise, stale answers); returns how many bytes. */
  drain(): number {
    const dropped = this.buffer.length;
    this.buffer = new Uint8Array(0);
    return dropped;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.check();
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled());
      this.signal?.addEventListener("abort", onAbort);
    });
    try {
      await Promise.race([this.writer.write(bytes), aborted]);
    } catch (error) {
      if (error instanceof FlashError) throw error;
      this.fail(`writing to the serial port failed ("${errorText(error)}")`);
      this.check();
      throw error;
    } finally {
      this.signal?.removeEventListener("abort", onAbort);
    }
  }

  async setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }): Promise<void> {
    this.check();
    await this.port.setSignals(signals);
  }

  /** Releases the reader and writer locks and closes the port; never throws. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.reader.cancel().catch(() => {});
    await this.pump;
    try {
      this.reader.releaseLock();
    } catch {
      // already released
    }
    try {
      this.writer.releaseLock();
    } catch {
      // already released
    }
    await this.port.close().catch(() => {});
  }
}

export function cancelled(): FlashError {
  return new FlashError("cancelled", "Flashing was cancelled.");
}
