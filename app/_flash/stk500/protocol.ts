/** What the flasher needs from an AVR serial bootloader, whatever its wire protocol. */

export interface Stk500Timing {
  /** How long DTR/RTS stay deasserted before the asserting edge that resets the MCU. */
  resetLowMs: number;
  /** Pause after the reset edge before the first sync (the bootloader starts in a few ms). */
  bootWaitMs: number;
  /** GET_SYNC / SIGN_ON attempts per baud rate. */
  syncAttempts: number;
  /** Wait for each sync answer. */
  syncTimeoutMs: number;
  /** Wait for the answer to any other command (page writes take ~5 ms on the chip). */
  commandTimeoutMs: number;
  /**
   * STK500v1 only: bauds to try when the board's own baud gets no sync. 57600 is the old
   * ATmegaBOOT (2 KiB) still found on older Nanos and clones.
   */
  fallbackBauds: number[];
}

export const defaultStk500Timing: Stk500Timing = {
  resetLowMs: 50,
  bootWaitMs: 50,
  syncAttempts: 6,
  syncTimeoutMs: 200,
  commandTimeoutMs: 1000,
  fallbackBauds: [57600],
};

export interface BootloaderIdentity {
  signature: [number, number, number];
  /** e.g. "Optiboot 8.0 (STK500v1) at 115200 baud". */
  detail: string;
}

export interface AvrBootloader {
  /** Tries to get in sync; false when nothing sensible answered. Throws only disconnected/cancelled. */
  sync(attempts: number, timeoutMs: number): Promise<boolean>;
  /** Versions, programming mode and the 3 signature bytes. */
  identify(): Promise<BootloaderIdentity>;
  /** Programs one flash page at a byte address. */
  writePage(address: number, data: Uint8Array): Promise<void>;
  readPage(address: number, length: number): Promise<Uint8Array>;
  /** Leaves programming mode: the bootloader starts the application. */
  leave(timeoutMs?: number): Promise<void>;
}

export const hexByte = (n: number) => n.toString(16).padStart(2, "0");
