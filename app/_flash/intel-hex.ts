/**
 * Intel HEX reader for firmware images (avr-objcopy -O ihex, arm-none-eabi-objcopy, …).
 * Understands data (00), end of file (01), extended segment (02) and extended linear (04) address
 * records; start address records (03, 05) are accepted and ignored. Every line's checksum is
 * verified. Contiguous records are merged, so a typical AVR image comes back as one part at 0.
 */

export interface HexPart {
  offset: number;
  data: Uint8Array;
}

export class IntelHexError extends Error {
  override readonly name = "IntelHexError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `Intel HEX line ${line}: ${message}` : `Intel HEX: ${message}`);
  }
}

interface Chunk {
  offset: number;
  data: Uint8Array;
  line: number;
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, "0");

/** 0-15 for a hex digit's char code, -1 otherwise. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

function decodeLine(raw: string, line: number): Uint8Array {
  if (raw[0] !== ":") throw new IntelHexError(line, `expected a record starting with ':', found "${raw.slice(0, 12)}"`);
  const digits = raw.length - 1;
  if (digits % 2 !== 0 || digits < 10) throw new IntelHexError(line, "record is too short or truncated");
  const bytes = new Uint8Array(digits / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexDigit(raw.charCodeAt(2 * i + 1));
    const low = hexDigit(raw.charCodeAt(2 * i + 2));
    if (high < 0 || low < 0) throw new IntelHexError(line, "contains characters that are not hex digits");
    bytes[i] = (high << 4) | low;
  }
  if (bytes.length !== bytes[0] + 5) {
    throw new IntelHexError(line, `byte count says ${bytes[0]} data bytes but the record holds ${bytes.length - 5}`);
  }
  let sum = 0;
  for (let i = 0; i < bytes.length - 1; i++) sum = (sum + bytes[i]) & 0xff;
  const expected = (0x100 - sum) & 0xff;
  const actual = bytes[bytes.length - 1];
  if (expected !== actual) {
    throw new IntelHexError(line, `checksum is 0x${hex2(actual)} but the record sums to 0x${hex2(expected)}`);
  }
  return bytes;
}

/** Parses Intel HEX text into merged `{ offset, data }` runs sorted by address. Throws IntelHexError. */
export function parseIntelHex(text: string): HexPart[] {
  const chunks: Chunk[] = [];
  let base = 0;
  let sawEof = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length && !sawEof; i++) {
    const raw = lines[i].trim();
    if (raw === "") continue;
    const line = i + 1;
    const bytes = decodeLine(raw, line);
    const count = bytes[0];
    const address = (bytes[1] << 8) | bytes[2];
    const type = bytes[3];
    const payload = bytes.subarray(4, 4 + count);
    switch (type) {
      case 0x00:
        if (count > 0) chunks.push({ offset: base + address, data: payload, line });
        break;
      case 0x01:
        sawEof = true;
        break;
      case 0x02:
        if (count !== 2) throw new IntelHexError(line, "extended segment address record (02) needs 2 data bytes");
        base = ((payload[0] << 8) | payload[1]) * 16;
        break;
      case 0x04:
        if (count !== 2) throw new IntelHexError(line, "extended linear address record (04) needs 2 data bytes");
        base = ((payload[0] << 8) | payload[1]) * 0x10000;
        break;
      case 0x03:
      case 0x05:
        break; // start address: irrelevant for flashing
      default:
        throw new IntelHexError(line, `unknown record type 0x${hex2(type)}`);
    }
  }
  if (!sawEof) throw new IntelHexError(0, "no end-of-file record (:00000001FF); the file looks truncated");
  return mergeChunks(chunks);
}

function mergeChunks(chunks: Chunk[]): HexPart[] {
  const sorted = [...chunks].sort((a, b) => a.offset - b.offset || a.line - b.line);
  const runs: Chunk[][] = [];
  let end = -1;
  for (const chunk of sorted) {
    if (chunk.offset < end) {
      const at = `0x${chunk.offset.toString(16).toUpperCase()}`;
      throw new IntelHexError(chunk.line, `data at ${at} overlaps data written by an earlier record`);
    }
    if (chunk.offset === end) runs[runs.length - 1].push(chunk);
    else runs.push([chunk]);
    end = chunk.offset + chunk.data.length;
  }
  return runs.map((run) => {
    const offset = run[0].offset;
    const last = run[run.length - 1];
    const data = new Uint8Array(last.offset + last.data.length - offset);
    for (const chunk of run) data.set(chunk.data, chunk.offset - offset);
    return { offset, data };
  });
}
