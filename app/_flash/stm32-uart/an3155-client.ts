/**
 * The host side of ST AN3155 over a SerialLink: one method per bootloader command. A NACK becomes a
 * `BootloaderNack` naming the command and the stage that was refused, so the flasher can tell read
 * protection (READ refused outright) from a write-protected page (the payload refused).
 */
import type { SerialLink } from "../stk500/serial-link";
import { FlashError } from "../types";
import {
  ACK,
  addressFrame,
  Command,
  commandFrame,
  commandName,
  eraseFrame,
  extendedEraseFrame,
  extendedMassEraseFrame,
  globalEraseFrame,
  NACK,
  readLengthFrame,
  SYNC,
  writeDataFrame,
} from "./frames";

export type NackStage = "command" | "address" | "length" | "payload";

export class BootloaderNack extends Error {
  constructor(
    readonly command: number,
    readonly stage: NackStage,
  ) {
    super(`The bootloader refused ${commandName(command)} (NACK at the ${stage}).`);
  }
}

export interface BootloaderInfo {
  /** e.g. 0x22 for v2.2. */
  version: number;
  commands: number[];
}

export const formatVersion = (version: number) => `${version >> 4}.${version & 0x0f}`;

export class An3155Client {
  constructor(
    private readonly link: SerialLink,
    private readonly commandTimeoutMs: number,
  ) {}

  /**
   * Sends 0x7F and waits for ACK. NACK also counts: a bootloader that already measured the baud rate
   * takes the 0x7F as a bad command byte and refuses it, which proves it listens at this rate.
   */
  async sync(timeoutMs: number): Promise<boolean> {
    this.link.drain();
    await this.link.write(Uint8Array.of(SYNC));
    try {
      const [answer] = await this.link.read(1, timeoutMs);
      return answer === ACK || answer === NACK;
    } catch (error) {
      if (error instanceof FlashError && error.code === "timeout") return false;
      throw error;
    }
  }

  async get(): Promise<BootloaderInfo> {
    await this.command(Command.GET);
    const [count] = await this.read(1, Command.GET);
    const body = await this.read(count + 1, Command.GET);
    await this.expectAck(Command.GET, "payload");
    return { version: body[0], commands: [...body.subarray(1)] };
  }

  async getId(): Promise<number> {
    await this.command(Command.GET_ID);
    const [count] = await this.read(1, Command.GET_ID);
    const id = await this.read(count + 1, Command.GET_ID);
    await this.expectAck(Command.GET_ID, "payload");
    // Two bytes on every STM32; keep the last two should a future part send more.
    return ((id.at(-2) ?? 0) << 8) | (id.at(-1) ?? 0);
  }

  async readMemory(address: number, length: number): Promise<Uint8Array> {
    await this.command(Command.READ_MEMORY);
    await this.send(Command.READ_MEMORY, addressFrame(address), "address");
    await this.send(Command.READ_MEMORY, readLengthFrame(length), "length");
    return this.read(length, Command.READ_MEMORY);
  }

  async writeMemory(address: number, data: Uint8Array, timeoutMs: number): Promise<void> {
    await this.command(Command.WRITE_MEMORY);
    await this.send(Command.WRITE_MEMORY, addressFrame(address), "address");
    await this.send(Command.WRITE_MEMORY, writeDataFrame(data), "payload", timeoutMs);
  }

  /** Erases pages or sectors by number with whichever erase command the bootloader offers. */
  async erase(extended: boolean, units: readonly number[], timeoutMs: number): Promise<void> {
    const code = extended ? Command.EXTENDED_ERASE : Command.ERASE;
    await this.command(code);
    await this.send(code, extended ? extendedEraseFrame(units) : eraseFrame(units), "payload", timeoutMs);
  }

  async massErase(extended: boolean, timeoutMs: number): Promise<void> {
    const code = extended ? Command.EXTENDED_ERASE : Command.ERASE;
    await this.command(code);
    await this.send(code, extended ? extendedMassEraseFrame() : globalEraseFrame(), "payload", timeoutMs);
  }

  /** Jumps to the application whose vector table starts at `address`. */
  async go(address: number): Promise<void> {
    await this.command(Command.GO);
    await this.send(Command.GO, addressFrame(address), "address");
  }

  /** Clears read protection: the chip mass-erases its flash, answers a second ACK, then resets. */
  async readoutUnprotect(timeoutMs: number): Promise<void> {
    await this.command(Command.READOUT_UNPROTECT);
    await this.expectAck(Command.READOUT_UNPROTECT, "payload", timeoutMs);
  }

  private async command(code: number): Promise<void> {
    await this.send(code, commandFrame(code), "command");
  }

  private async send(code: number, frame: Uint8Array, stage: NackStage, timeoutMs = this.commandTimeoutMs) {
    await this.link.write(frame);
    await this.expectAck(code, stage, timeoutMs);
  }

  private async expectAck(code: number, stage: NackStage, timeoutMs = this.commandTimeoutMs): Promise<void> {
    const [answer] = await this.read(1, code, timeoutMs);
    if (answer === ACK) return;
    if (answer === NACK) throw new BootloaderNack(code, stage);
    throw new FlashError(
      "device-error",
      `The bootloader answered ${commandName(code)} with 0x${answer.toString(16).padStart(2, "0")} ` +
        "instead of ACK or NACK: line noise, or another program on the port.",
    );
  }

  private async read(n: number, code: number, timeoutMs = this.commandTimeoutMs): Promise<Uint8Array> {
    try {
      return await this.link.read(n, timeoutMs);
    } catch (error) {
      if (error instanceof FlashError && error.code === "timeout") {
        throw new FlashError("timeout", `The bootloader stopped answering during ${commandName(code)}.`);
      }
      throw error;
    }
  }
}
