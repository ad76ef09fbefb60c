/**
 * STK500v2 (Atmel AVR068) as the Arduino Mega's wiring bootloader (stk500boot) implements it.
 * Frame: MESSAGE_START 0x1B, sequence, size (2 bytes BE), TOKEN 0x0E, body, XOR of all previous
 * bytes. The answer repeats the sequence number; its body is [command, status, ...].
 */
import { FlashError } from "../types";
import { hexByte, type AvrBootloader, type BootloaderIdentity } from "./protocol";
import type { SerialLink } from "./serial-link";

export const V2 = {
  MESSAGE_START: 0x1b,
  TOKEN: 0x0e,
  SIGN_ON: 0x01,
  SET_PARAMETER: 0x02,
  GET_PARAMETER: 0x03,
  LOAD_ADDRESS: 0x06,
  ENTER_PROGMODE_ISP: 0x10,
  LEAVE_PROGMODE_ISP: 0x11,
  CHIP_ERASE_ISP: 0x12,
  PROGRAM_FLASH_ISP: 0x13,
  READ_FLASH_ISP: 0x14,
  READ_SIGNATURE_ISP: 0x1b,
  STATUS_CMD_OK: 0x00,
  STATUS_CKSUM_ERROR: 0xc1,
  STATUS_CMD_UNKNOWN: 0xc9,
  ANSWER_CKSUM_ERROR: 0xb0,
} as const;

/** Largest answer body we accept (stk500boot's buffer is 285 bytes). */
const MAX_BODY = 300;

export function frameV2(seq: number, body: ArrayLike<number>): Uint8Array {
  const frame = new Uint8Array(body.length + 6);
  frame.set([V2.MESSAGE_START, seq & 0xff, (body.length >> 8) & 0xff, body.length & 0xff, V2.TOKEN]);
  frame.set(Array.from(body), 5);
  let sum = 0;
  for (let i = 0; i < frame.length - 1; i++) sum ^= frame[i];
  frame[frame.length - 1] = sum;
  return frame;
}

export class Stk500v2Client implements AvrBootloader {
  private seq = 0;
  private signOn = "";

  constructor(
    private readonly link: SerialLink,
    /** Whole flash in bytes: above 64 KiB, LOAD_ADDRESS sets bit 31 (extended addressing) like avrdude. */
    private readonly flashBytes: number,
    private readonly timeoutMs: number,
    private readonly baud: number,
  ) {}

  private async command(name: string, body: number[], timeoutMs = this.timeoutMs): Promise<Uint8Array> {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    await this.link.write(frameV2(seq, body));
    const deadline = performance.now() + timeoutMs;
    try {
      for (;;) {
        const reply = await this.readFrame(deadline);
        if (reply.seq !== seq) continue; // a late answer to an earlier attempt
        const [command, status] = reply.body;
        if (command === V2.ANSWER_CKSUM_ERROR) {
          throw new FlashError("device-error", `The bootloader received ${name} with a bad checksum (line noise?).`);
        }
        if (command !== body[0] || status !== V2.STATUS_CMD_OK) {
          const what = `command 0x${hexByte(command ?? 0)} status 0x${hexByte(status ?? 0)}`;
          throw new FlashError("device-error", `The bootloader refused ${name} (${what}).`);
        }
        return reply.body;
      }
    } catch (error) {
      if (error instanceof FlashError && error.code === "timeout") {
        throw new FlashError("timeout", `The bootloader stopped answering (${name}, no reply within ${timeoutMs} ms).`);
      }
      throw error;
    }
  }

  /** Next well-formed frame, skipping noise and frames with bad checksums. */
  private async readFrame(deadline: number): Promise<{ seq: number; body: Uint8Array }> {
    const left = () => Math.max(1, deadline - performance.now());
    for (;;) {
      const [start] = await this.link.read(1, left());
      if (start !== V2.MESSAGE_START) continue;
      const head = await this.link.read(4, left());
      const size = (head[1] << 8) | head[2];
      if (head[3] !== V2.TOKEN || size === 0 || size > MAX_BODY) continue;
      const rest = await this.link.read(size + 1, left());
      let sum = V2.MESSAGE_START;
      for (const b of head) sum ^= b;
      for (let i = 0; i < size; i++) sum ^= rest[i];
      if (sum !== rest[size]) continue;
      return { seq: head[0], body: rest.subarray(0, size) };
    }
  }

  async sync(attempts: number, timeoutMs: number): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      this.link.drain();
      try {
        const reply = await this.command("SIGN_ON", [V2.SIGN_ON], timeoutMs);
        this.signOn = new TextDecoder().decode(reply.subarray(3, 3 + (reply[2] ?? 0)));
        return true;
      } catch (error) {
        if (!(error instanceof FlashError) || (error.code !== "timeout" && error.code !== "device-error")) throw error;
      }
    }
    return false;
  }

  async identify(): Promise<BootloaderIdentity> {
    // avrdude's ATmega2560 ISP parameters; the bootloader only acknowledges them.
    await this.command("ENTER_PROGMODE_ISP", [V2.ENTER_PROGMODE_ISP, 200, 100, 25, 32, 0, 0x53, 3, 0xac, 0x53, 0, 0]);
    const signature: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < 3; i++) {
      const reply = await this.command("READ_SIGNATURE_ISP", [V2.READ_SIGNATURE_ISP, 4, 0x30, 0x00, i, 0x00]);
      signature[i] = reply[2];
    }
    const name = this.signOn ? `STK500v2 bootloader (${this.signOn})` : "STK500v2 bootloader";
    return { signature, detail: `${name} at ${this.baud} baud` };
  }

  private async loadAddress(address: number): Promise<void> {
    if (address % 2 !== 0) throw new FlashError("write-failed", `Odd flash address 0x${address.toString(16)}.`);
    const word = (address >>> 1) | (this.flashBytes > 0x10000 ? 0x8000_0000 : 0);
    await this.command("LOAD_ADDRESS", [
      V2.LOAD_ADDRESS,
      (word >>> 24) & 0xff,
      (word >>> 16) & 0xff,
      (word >>> 8) & 0xff,
      word & 0xff,
    ]);
  }

  async writePage(address: number, data: Uint8Array): Promise<void> {
    await this.loadAddress(address);
    const n = data.length;
    // mode 0xC1: page mode, write page; delay 10 ms; ISP opcodes load-low 0x40, write-page 0x4C, read-low 0x20.
    await this.command("PROGRAM_FLASH_ISP", [
      V2.PROGRAM_FLASH_ISP,
      n >> 8,
      n & 0xff,
      0xc1,
      10,
      0x40,
      0x4c,
      0x20,
      0,
      0,
      ...data,
    ]);
  }

  async readPage(address: number, length: number): Promise<Uint8Array> {
    await this.loadAddress(address);
    const reply = await this.command("READ_FLASH_ISP", [V2.READ_FLASH_ISP, length >> 8, length & 0xff, 0x20]);
    if (reply.length < length + 2) {
      throw new FlashError("device-error", `READ_FLASH_ISP returned ${reply.length - 2} bytes instead of ${length}.`);
    }
    return reply.slice(2, 2 + length);
  }

  async leave(timeoutMs = this.timeoutMs): Promise<void> {
    await this.command("LEAVE_PROGMODE_ISP", [V2.LEAVE_PROGMODE_ISP, 1, 1], timeoutMs);
  }
}
