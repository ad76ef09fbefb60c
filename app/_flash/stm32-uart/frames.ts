/**
 * Byte frames of the STM32 ROM bootloader's USART protocol (ST AN3155). Every command is its code
 * followed by the code's complement; every payload ends with an XOR checksum of its bytes, so a
 * single flipped bit (noise, wrong framing) makes the bootloader answer NACK instead of acting.
 */

export const ACK = 0x79;
export const NACK = 0x1f;
/** Sent alone after reset: the bootloader measures the baud rate on it and answers ACK. */
export const SYNC = 0x7f;

export const Command = {
  GET: 0x00,
  GET_VERSION: 0x01,
  GET_ID: 0x02,
  READ_MEMORY: 0x11,
  GO: 0x21,
  WRITE_MEMORY: 0x31,
  ERASE: 0x43,
  EXTENDED_ERASE: 0x44,
  WRITE_PROTECT: 0x63,
  WRITE_UNPROTECT: 0x73,
  READOUT_PROTECT: 0x82,
  READOUT_UNPROTECT: 0x92,
} as const;

export type CommandCode = (typeof Command)[keyof typeof Command];

const names = new Map<number, string>(Object.entries(Command).map(([name, code]) => [code, name.replace(/_/g, " ")]));

/** "WRITE MEMORY (0x31)". */
export const commandName = (code: number) =>
  `${names.get(code) ?? "command"} (0x${code.toString(16).padStart(2, "0")})`;

/** Most bytes one READ MEMORY or WRITE MEMORY moves. */
export const MAX_BLOCK = 256;
/** Legacy ERASE takes at most 255 page numbers (a count byte of 0xFF means "global erase"). */
export const MAX_LEGACY_ERASE_PAGES = 255;

export function xorChecksum(bytes: ArrayLike<number>, seed = 0): number {
  let sum = seed;
  for (let i = 0; i < bytes.length; i++) sum ^= bytes[i];
  return sum & 0xff;
}

/** Code and complement: [0x31, 0xce] for WRITE MEMORY. */
export const commandFrame = (code: number) => Uint8Array.of(code, code ^ 0xff);

/** Four address bytes, most significant first, then their XOR. */
export function addressFrame(address: number): Uint8Array {
  const bytes = [(address >>> 24) & 0xff, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff];
  return Uint8Array.from([...bytes, xorChecksum(bytes)]);
}

/** READ MEMORY's length: N - 1 and its complement. */
export function readLengthFrame(length: number): Uint8Array {
  checkBlockLength(length);
  return Uint8Array.of(length - 1, (length - 1) ^ 0xff);
}

/** WRITE MEMORY's payload: N - 1, the N bytes, and the XOR of all of them. N is a multiple of 4. */
export function writeDataFrame(data: Uint8Array): Uint8Array {
  checkBlockLength(data.length);
  if (data.length % 4 !== 0) throw new RangeError(`WRITE MEMORY takes a multiple of 4 bytes, not ${data.length}`);
  const frame = new Uint8Array(data.length + 2);
  frame[0] = data.length - 1;
  frame.set(data, 1);
  frame[frame.length - 1] = xorChecksum(data, data.length - 1);
  return frame;
}

/** Legacy ERASE (0x43) of some pages: N - 1, N one-byte page numbers, XOR. */
export function eraseFrame(pages: readonly number[]): Uint8Array {
  if (pages.length < 1 || pages.length > MAX_LEGACY_ERASE_PAGES) {
    throw new RangeError(`ERASE takes 1 to ${MAX_LEGACY_ERASE_PAGES} pages, not ${pages.length}`);
  }
  if (pages.some((page) => page < 0 || page > 0xff)) throw new RangeError("ERASE page numbers are one byte");
  const bytes = [pages.length - 1, ...pages];
  return Uint8Array.from([...bytes, xorChecksum(bytes)]);
}

/** Legacy ERASE of everything: 0xFF then 0x00. */
export const globalEraseFrame = () => Uint8Array.of(0xff, 0x00);

/** EXTENDED ERASE (0x44): N - 1 and N page/sector numbers as big-endian 16-bit words, then XOR. */
export function extendedEraseFrame(units: readonly number[]): Uint8Array {
  if (units.length < 1 || units.length > 0xfff0) throw new RangeError(`EXTENDED ERASE of ${units.length} units`);
  if (units.some((unit) => unit < 0 || unit > 0xffef)) throw new RangeError("EXTENDED ERASE numbers are 16-bit");
  const words = [units.length - 1, ...units];
  const bytes = words.flatMap((word) => [(word >>> 8) & 0xff, word & 0xff]);
  return Uint8Array.from([...bytes, xorChecksum(bytes)]);
}

/** EXTENDED ERASE's special code 0xFFFF: mass erase. */
export const extendedMassEraseFrame = () => Uint8Array.of(0xff, 0xff, 0x00);

function checkBlockLength(length: number): void {
  if (!Number.isInteger(length) || length < 1 || length > MAX_BLOCK) {
    throw new RangeError(`A block is 1 to ${MAX_BLOCK} bytes, not ${length}`);
  }
}
