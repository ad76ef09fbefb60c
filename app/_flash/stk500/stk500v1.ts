/**
 * STK500v1 (Atmel AVR061) as Optiboot and the older ATmegaBOOT implement it: every command ends with
 * Sync_CRC_EOP (0x20); every answer is Resp_STK_INSYNC (0x14), its payload, then Resp_STK_OK (0x10).
 */
import { FlashError } from "../types";
import { hexByte, type AvrBootloader, type BootloaderIdentity } from "./protocol";
import type { SerialLink } from "./serial-link";

export const STK = {
  OK: 0x10,
  FAILED: 0x11,
  INSYNC: 0x14,
  NOSYNC: 0x15,
  CRC_EOP: 0x20,
  GET_SYNC: 0x30,
  GET_PARAMETER: 0x41,
  SET_DEVICE: 0x42,
  SET_DEVICE_EXT: 0x45,
  ENTER_PROGMODE: 0x50,
  LEAVE_PROGMODE: 0x51,
  LOAD_ADDRESS: 0x55,
  UNIVERSAL: 0x56,
  PROG_PAGE: 0x64,
  READ_PAGE: 0x74,
  READ_SIGN: 0x75,
  HW_VER: 0x80,
  SW_MAJOR: 0x81,
  SW_MINOR: 0x82,
} as const;

const MEMTYPE_FLASH = 0x46; // 'F'

export interface Stk500v1Device {
  pageSize: number;
  /** Whole flash including the bootloader section, in bytes. */
  flashBytes: number;
  eepromBytes: number;
}

export class Stk500v1Client implements AvrBootloader {
  constructor(
    private readonly link: SerialLink,
    private readonly device: Stk500v1Device,
    private readonly timeoutMs: number,
    private readonly baud: number,
  ) {}

  /** Sends `body` + CRC_EOP and expects INSYNC, `replyLength` bytes, OK. */
  private async command(name: string, body: number[], replyLength = 0, timeoutMs = this.timeoutMs) {
    await this.link.write(Uint8Array.from([...body, STK.CRC_EOP]));
    try {
      const [insync] = await this.link.read(1, timeoutMs);
      if (insync !== STK.INSYNC) {
        const what = insync === STK.NOSYNC ? "NOSYNC (0x15)" : `0x${hexByte(insync)}`;
        throw new FlashError("device-error", `The bootloader answered ${name} with ${what} instead of INSYNC (0x14).`);
      }
      const reply = await this.link.read(replyLength + 1, timeoutMs);
      const status = reply[replyLength];
      if (status !== STK.OK) {
        const what = status === STK.FAILED ? "FAILED (0x11)" : `0x${hexByte(status)}`;
        throw new FlashError("device-error", `The bootloader answered ${name} with ${what} instead of OK (0x10).`);
      }
      return reply.subarray(0, replyLength);
    } catch (error) {
      if (error instanceof FlashError && error.code === "timeout") {
        throw new FlashError("timeout", `The bootloader stopped answering (${name}, no reply within ${timeoutMs} ms).`);
      }
      throw error;
    }
  }

  async sync(attempts: number, timeoutMs: number): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      this.link.drain();
      await this.link.write(Uint8Array.from([STK.GET_SYNC, STK.CRC_EOP]));
      if (!(await this.awaitInsync(timeoutMs))) continue;
      // Let late answers to earlier attempts arrive, drop them, and confirm with a clean exchange,
      // so no stale INSYNC/OK pair can shift the replies of later commands.
      if (attempt > 0) await this.link.sleep(Math.min(50, timeoutMs / 4));
      this.link.drain();
      try {
        await this.command("GET_SYNC", [STK.GET_SYNC], 0, timeoutMs);
        return true;
      } catch (error) {
        if (!(error instanceof FlashError) || (error.code !== "timeout" && error.code !== "device-error")) throw error;
      }
    }
    return false;
  }

  /** Skips line noise until INSYNC; true when INSYNC OK arrived in time. */
  private async awaitInsync(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    try {
      for (;;) {
        const [byte] = await this.link.read(1, Math.max(1, deadline - performance.now()));
        if (byte !== STK.INSYNC) continue;
        const [status] = await this.link.read(1, Math.max(1, deadline - performance.now()));
        return status === STK.OK;
      }
    } catch (error) {
      if (error instanceof FlashError && error.code === "timeout") return false;
      throw error;
    }
  }

  async identify(): Promise<BootloaderIdentity> {
    const [major] = await this.command("GET_PARAMETER", [STK.GET_PARAMETER, STK.SW_MAJOR], 1);
    const [minor] = await this.command("GET_PARAMETER", [STK.GET_PARAMETER, STK.SW_MINOR], 1);
    const { pageSize, flashBytes, eepromBytes } = this.device;
    // Parameters for a real STK500; Optiboot and ATmegaBOOT read and ignore them.
    await this.command("SET_DEVICE", [
      STK.SET_DEVICE,
      0x86, // device code (ATmega328P family)
      0x00, // revision
      0x00, // progtype: both parallel/serial
      0x01, // parmode: full parallel
      0x01, // polling
      0x01, // self-timed
      0x01, // lock bytes
      0x03, // fuse bytes
      0xff,
      0xff, // flash poll values
      0xff,
      0xff, // eeprom poll values
      (pageSize >> 8) & 0xff,
      pageSize & 0xff,
      (eepromBytes >> 8) & 0xff,
      eepromBytes & 0xff,
      (flashBytes >>> 24) & 0xff,
      (flashBytes >>> 16) & 0xff,
      (flashBytes >>> 8) & 0xff,
      flashBytes & 0xff,
    ]);
    await this.command("SET_DEVICE_EXT", [STK.SET_DEVICE_EXT, 0x05, 0x04, 0xd7, 0xc2, 0x00]);
    await this.command("ENTER_PROGMODE", [STK.ENTER_PROGMODE]);
    const sig = await this.command("READ_SIGN", [STK.READ_SIGN], 3);
    const name = major >= 4 ? "Optiboot" : "STK500v1 bootloader";
    return { signature: [sig[0], sig[1], sig[2]], detail: `${name} ${major}.${minor} at ${this.baud} baud` };
  }

  private async loadAddress(address: number): Promise<void> {
    const word = address >>> 1;
    if (address % 2 !== 0 || word > 0xffff) {
      throw new FlashError("write-failed", `STK500v1 cannot address byte 0x${address.toString(16)}.`);
    }
    await this.command("LOAD_ADDRESS", [STK.LOAD_ADDRESS, word & 0xff, word >> 8]);
  }

  async writePage(address: number, data: Uint8Array): Promise<void> {
    await this.loadAddress(address);
    const n = data.length;
    await this.command("PROG_PAGE", [STK.PROG_PAGE, n >> 8, n & 0xff, MEMTYPE_FLASH, ...data]);
  }

  async readPage(address: number, length: number): Promise<Uint8Array> {
    await this.loadAddress(address);
    return this.command("READ_PAGE", [STK.READ_PAGE, length >> 8, length & 0xff, MEMTYPE_FLASH], length);
  }

  async leave(timeoutMs = this.timeoutMs): Promise<void> {
    await this.command("LEAVE_PROGMODE", [STK.LEAVE_PROGMODE], 0, timeoutMs);
  }
}
