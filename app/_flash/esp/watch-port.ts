import type { SerialPortLike } from "../types";

/** Web Serial reports a pulled cable as a NetworkError ("The device has been lost."). */
export function isDeviceLost(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== "undefined" && error instanceof DOMException)) {
    return false;
  }
  const { name, message } = error as Error;
  return name === "NetworkError" || /device has been lost|device (was )?disconnected/i.test(message);
}

/**
 * Wraps the port esptool-js talks through, to learn what esptool-js hides: whether the device was
 * lost (its retries turn a failed write into "stream is locked" errors) and whether open() failed.
 * abort() makes every further write, open and signal change fail at once, so a cancelled run stops promptly;
 * retire() hides the writable so Transport.disconnect() cannot wait forever on a writer esptool-js
 * left locked after a failed write.
 */
export class WatchedPort implements SerialPortLike {
  lost: unknown = null;
  openError: unknown = null;
  openedOnce = false;
  private abortReason: Error | null = null;
  private retired = false;
  private wrapped: { inner: WritableStream<Uint8Array>; outer: WritableStream<Uint8Array> } | null = null;

  constructor(readonly inner: SerialPortLike) {}

  get readable(): ReadableStream<Uint8Array> | null {
    return this.inner.readable;
  }

  get writable(): WritableStream<Uint8Array> | null {
    if (this.retired) return null;
    const inner = this.inner.writable;
    if (!inner) return null;
    if (this.wrapped?.inner !== inner) this.wrapped = { inner, outer: this.wrap(inner) };
    return this.wrapped.outer;
  }

  async open(options: Parameters<SerialPortLike["open"]>[0]): Promise<void> {
    if (this.abortReason) throw this.abortReason;
    try {
      await this.inner.open(options);
    } catch (error) {
      // Chrome reports a busy or vanished port as NetworkError too: only a reopen failure means "lost".
      if (this.openedOnce) this.note(error);
      else this.openError ??= error;
      throw error;
    }
    this.openedOnce = true;
    this.retired = false;
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } catch (error) {
      this.note(error);
      throw error;
    }
  }

  async setSignals(signals: Parameters<SerialPortLike["setSignals"]>[0]): Promise<void> {
    if (this.abortReason) throw this.abortReason;
    try {
      await this.inner.setSignals(signals);
    } catch (error) {
      this.note(error);
      throw error;
    }
  }

  getInfo(): ReturnType<SerialPortLike["getInfo"]> {
    return this.inner.getInfo();
  }

  abort(reason: Error): void {
    this.abortReason ??= reason;
  }

  retire(): void {
    this.retired = true;
  }

  private note(error: unknown): void {
    if (isDeviceLost(error)) this.lost ??= error;
  }

  private wrap(inner: WritableStream<Uint8Array>): WritableStream<Uint8Array> {
    return new WritableStream<Uint8Array>({
      write: async (chunk) => {
        if (this.abortReason) throw this.abortReason;
        const writer = inner.getWriter();
        try {
          await writer.write(chunk);
        } catch (error) {
          this.note(error);
          throw error;
        } finally {
          writer.releaseLock();
        }
      },
    });
  }
}
