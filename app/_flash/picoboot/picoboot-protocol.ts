/**
 * The RP2040 boot ROM's PICOBOOT wire format (RP2040 datasheet, "USB boot mode" / PICOBOOT interface):
 * 32-byte little-endian command blocks on the bulk OUT endpoint and the 16-byte command status read
 * with a vendor control request. Encoding only; the conversation lives in PicobootClient.
 */

export const PICOBOOT_MAGIC = 0x431fd10b;
export const COMMAND_BLOCK_BYTES = 32;
export const COMMAND_STATUS_BYTES = 16;

/** Vendor control requests to the PICOBOOT interface. */
export const PicobootRequest = { INTERFACE_RESET: 0x41, GET_COMMAND_STATUS: 0x42 } as const;

/** bCmdId; the top bit marks commands whose data phase is IN (device to host). */
export const PicobootCommand = {
  EXCLUSIVE_ACCESS: 0x01,
  REBOOT: 0x02,
  FLASH_ERASE: 0x03,
  READ: 0x84,
  WRITE: 0x05,
  EXIT_XIP: 0x06,
  ENTER_CMD_XIP: 0x07,
} as const;

export const ExclusiveAccess = { NOT_EXCLUSIVE: 0, EXCLUSIVE: 1, EXCLUSIVE_AND_EJECT: 2 } as const;

export const PicobootStatus = {
  OK: 0,
  UNKNOWN_CMD: 1,
  INVALID_CMD_LENGTH: 2,
  INVALID_TRANSFER_LENGTH: 3,
  INVALID_ADDRESS: 4,
  BAD_ALIGNMENT: 5,
  INTERLEAVED_WRITE: 6,
  REBOOTING: 7,
  UNKNOWN_ERROR: 8,
  INVALID_STATE: 9,
  NOT_PERMITTED: 10,
  INVALID_ARG: 11,
} as const;

export function statusName(code: number): string {
  const name = Object.entries(PicobootStatus).find(([, value]) => value === code)?.[0];
  return name ?? `status ${code}`;
}

export interface CommandBlock {
  token: number;
  id: number;
  /** Bytes of `args` that carry meaning (bCmdSize). */
  argsSize: number;
  /** Length of the data phase (dTransferLength); 0 when there is none. */
  transferLength: number;
  /** Up to 16 bytes of arguments, little-endian words unless a command says otherwise. */
  args: Uint8Array;
}

export function encodeCommand(block: CommandBlock): Uint8Array<ArrayBuffer> {
  if (block.args.length > 16 || block.argsSize > 16) throw new RangeError("PICOBOOT arguments are at most 16 bytes.");
  const bytes = new Uint8Array(COMMAND_BLOCK_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, PICOBOOT_MAGIC, true);
  view.setUint32(4, block.token >>> 0, true);
  bytes[8] = block.id;
  bytes[9] = block.argsSize;
  // bytes 10–11 are unused and stay zero
  view.setUint32(12, block.transferLength >>> 0, true);
  bytes.set(block.args, 16);
  return bytes;
}

export function words(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setUint32(i * 4, value >>> 0, true));
  return bytes;
}

/** Command blocks for the commands the flasher uses (token filled in by the client). */
export const commands = {
  exclusiveAccess: (mode: number) => ({
    id: PicobootCommand.EXCLUSIVE_ACCESS,
    argsSize: 1,
    transferLength: 0,
    args: Uint8Array.of(mode),
  }),
  exitXip: () => ({ id: PicobootCommand.EXIT_XIP, argsSize: 0, transferLength: 0, args: new Uint8Array(0) }),
  flashErase: (address: number, size: number) => ({
    id: PicobootCommand.FLASH_ERASE,
    argsSize: 8,
    transferLength: 0,
    args: words(address, size),
  }),
  write: (address: number, size: number) => ({
    id: PicobootCommand.WRITE,
    argsSize: 8,
    transferLength: size,
    args: words(address, size),
  }),
  read: (address: number, size: number) => ({
    id: PicobootCommand.READ,
    argsSize: 8,
    transferLength: size,
    args: words(address, size),
  }),
  /** pc = 0 and sp = 0 take the normal boot path (boot2 from flash); the watchdog fires after delayMs. */
  reboot: (pc: number, sp: number, delayMs: number) => ({
    id: PicobootCommand.REBOOT,
    argsSize: 12,
    transferLength: 0,
    args: words(pc, sp, delayMs),
  }),
} satisfies Record<string, (...args: number[]) => Omit<CommandBlock, "token">>;

export interface CommandStatus {
  token: number;
  code: number;
  id: number;
  inProgress: boolean;
}

export function decodeCommandStatus(view: DataView): CommandStatus {
  if (view.byteLength < COMMAND_STATUS_BYTES) {
    throw new RangeError(`GET_COMMAND_STATUS: expected ${COMMAND_STATUS_BYTES} bytes, got ${view.byteLength}.`);
  }
  return {
    token: view.getUint32(0, true),
    code: view.getUint32(4, true),
    id: view.getUint8(8),
    inProgress: view.getUint8(9) !== 0,
  };
}
