import type { Board } from "../../../boards/schema";
import type { VirtualEspPort } from "../../../e2e/fixtures/virtual-esp32";
import type { FlashPart, SerialPortLike } from "../types";

/** Test fixtures for the ESP flasher: deterministic images and a link that fails at high baud. */

export function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function imageFor(board: Board, appBytes = 200 * 1024): FlashPart[] {
  if (board.flash.protocol !== "esptool") throw new Error("not an esptool board");
  const { bootloader, partitionTable, app } = board.flash.offsets;
  return [
    { offset: bootloader, data: randomBytes(21 * 1024 + 7, 1) },
    { offset: partitionTable, data: randomBytes(3072, 2) },
    { offset: app, data: randomBytes(appBytes, 3) },
  ];
}

/** A link that mangles large frames above 115200 baud: small commands pass, flash data does not. */
export class NoisyAtHighBaud implements SerialPortLike {
  private wrapped: { inner: WritableStream<Uint8Array>; outer: WritableStream<Uint8Array> } | null = null;
  constructor(private readonly port: VirtualEspPort) {}
  get readable() {
    return this.port.readable;
  }
  get writable() {
    const inner = this.port.writable;
    if (!inner) return null;
    if (this.wrapped?.inner !== inner) {
      const outer = new WritableStream<Uint8Array>({
        write: async (chunk) => {
          const writer = inner.getWriter();
          try {
            await writer.write(this.port.baudRate > 115200 && chunk.length > 1024 ? mangle(chunk) : chunk);
          } finally {
            writer.releaseLock();
          }
        },
      });
      this.wrapped = { inner, outer };
    }
    return this.wrapped.outer;
  }
  open(options: { baudRate: number }) {
    return this.port.open(options);
  }
  close() {
    return this.port.close();
  }
  setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }) {
    return this.port.setSignals(signals);
  }
  getInfo() {
    return this.port.getInfo();
  }
}

function mangle(chunk: Uint8Array): Uint8Array {
  const copy = chunk.slice();
  const special = (byte: number) => byte === 0xc0 || byte === 0xdb;
  for (let i = copy.length >> 1; i < copy.length - 1; i++) {
    if (!special(copy[i - 1]) && !special(copy[i]) && !special(copy[i] ^ 0x01)) {
      copy[i] ^= 0x01;
      break;
    }
  }
  return copy;
}
