/**
 * Parses the DfuSe memory descriptor an STM32 bootloader reports as the string of each DFU alternate
 * setting (ST UM0424 / AN3156), e.g. "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg":
 * a name, then one or more "/address/sectors" groups where each sector spec is
 * `count*size[multiplier]attribute` (multiplier " ", "B", "K" or "M"; attribute "a".."g" is a bit mask
 * of readable = 1, erasable = 2, writable = 4, stored as the letter's offset from "a" plus one).
 */

export interface MemorySegment {
  /** First byte of the segment. */
  start: number;
  /** One past the last byte of the segment. */
  end: number;
  sectorSize: number;
  readable: boolean;
  erasable: boolean;
  writable: boolean;
}

export interface MemoryLayout {
  name: string;
  segments: MemorySegment[];
}

export class MemoryLayoutError extends Error {
  override readonly name = "MemoryLayoutError";
}

const SECTOR_SPEC = /^(\d+)\s*\*\s*(\d+)\s*([BKM]?)\s*([a-g])$/;
const MULTIPLIERS: Record<string, number> = { "": 1, B: 1, K: 1024, M: 1024 * 1024 };

export function parseMemoryLayout(descriptor: string): MemoryLayout {
  const fail = (why: string): never => {
    throw new MemoryLayoutError(`Invalid DfuSe memory layout ${JSON.stringify(descriptor)}: ${why}.`);
  };
  const text = descriptor.trim();
  if (!text.startsWith("@")) fail('it must start with "@"');
  const fields = text.slice(1).split("/");
  const name = fields[0].trim();
  if (!name) fail("the memory has no name");
  const groups = fields.slice(1);
  if (groups.length === 0 || groups.length % 2 !== 0) fail('expected "/0xADDRESS/sectors" groups after the name');

  const segments: MemorySegment[] = [];
  for (let g = 0; g < groups.length; g += 2) {
    const addressText = groups[g].trim();
    if (!/^0x[0-9a-f]{1,8}$/i.test(addressText)) fail(`bad address ${JSON.stringify(addressText)}`);
    let address = Number.parseInt(addressText.slice(2), 16);
    const specs = groups[g + 1].split(",").map((spec) => spec.trim());
    for (const spec of specs) {
      const match = SECTOR_SPEC.exec(spec);
      if (!match) fail(`bad sector spec ${JSON.stringify(spec)}`);
      const [, countText, sizeText, multiplier, attribute] = match as RegExpExecArray;
      const count = Number.parseInt(countText, 10);
      const sectorSize = Number.parseInt(sizeText, 10) * MULTIPLIERS[multiplier];
      if (count <= 0 || sectorSize <= 0) fail(`empty sector spec ${JSON.stringify(spec)}`);
      const bits = attribute.charCodeAt(0) - "a".charCodeAt(0) + 1;
      const end = address + count * sectorSize;
      if (end > 0x1_0000_0000) fail(`${spec} runs past the 32-bit address space`);
      segments.push({
        start: address,
        end,
        sectorSize,
        readable: (bits & 1) !== 0,
        erasable: (bits & 2) !== 0,
        writable: (bits & 4) !== 0,
      });
      address = end;
    }
  }
  return { name, segments };
}

/** The segment holding `address`, if any. */
export function findSegment(layout: MemoryLayout, address: number): MemorySegment | undefined {
  return layout.segments.find((segment) => address >= segment.start && address < segment.end);
}

/**
 * One past the last byte of the contiguous writable memory that starts at or contains `address`
 * (adjacent writable segments join up), or undefined when `address` is not writable.
 */
export function writableEnd(layout: MemoryLayout, address: number): number | undefined {
  let segment = findSegment(layout, address);
  if (!segment?.writable) return undefined;
  let end = segment.end;
  while ((segment = findSegment(layout, end)) && segment.writable) end = segment.end;
  return end;
}

/** Start addresses of the erasable sectors that overlap [start, end), in ascending order. */
export function sectorsInRange(layout: MemoryLayout, start: number, end: number): number[] {
  const sectors: number[] = [];
  for (const segment of layout.segments) {
    if (!segment.erasable || segment.end <= start || segment.start >= end) continue;
    const first = Math.floor((Math.max(start, segment.start) - segment.start) / segment.sectorSize);
    const last = Math.ceil((Math.min(end, segment.end) - segment.start) / segment.sectorSize);
    for (let i = first; i < last; i++) sectors.push(segment.start + i * segment.sectorSize);
  }
  return sectors.sort((a, b) => a - b);
}

/** Total bytes of the layout. */
export function layoutSize(layout: MemoryLayout): number {
  return layout.segments.reduce((sum, segment) => sum + segment.end - segment.start, 0);
}

export function hex(address: number): string {
  return `0x${address.toString(16).padStart(8, "0")}`;
}
