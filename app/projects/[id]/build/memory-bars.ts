import { formatBytes } from "@/app/_components/format";
import type { MemoryUse } from "./build-events";

export interface MemorySegment {
  label: string;
  bytes: number;
  /** Share of the budget, 0-100, clipped so the segments never overflow the bar. */
  width: number;
}

export interface MemoryBar {
  key: "flash" | "ram";
  label: string;
  used: number;
  budget: number;
  /** used / budget in percent, one decimal, not clipped (an overflow reads e.g. 112.5). */
  percent: number;
  over: boolean;
  segments: MemorySegment[];
  /** "2.1 KiB / 256 KiB" */
  summary: string;
  /** "2,188 of 262,144 bytes" */
  bytes: string;
}

const grouped = new Intl.NumberFormat("en");
const percentOf = (used: number, budget: number) => (budget > 0 ? Math.round((used / budget) * 1000) / 10 : 0);

function segments(parts: { label: string; bytes: number }[], budget: number): MemorySegment[] {
  let room = 100;
  return parts.map((part) => {
    const width = Math.min(room, budget > 0 ? (part.bytes / budget) * 100 : 0);
    room -= width;
    return { ...part, width };
  });
}

/** Flash (image size) and RAM (static data plus the stack reserve) against the board's budget. */
export function memoryBars(memory: MemoryUse): MemoryBar[] {
  const ramUsed = memory.ram + memory.stackReserve;
  const bar = (key: MemoryBar["key"], label: string, used: number, budget: number, parts: MemorySegment[]) => ({
    key,
    label,
    used,
    budget,
    percent: percentOf(used, budget),
    over: used > budget,
    segments: parts,
    summary: `${formatBytes(used)} / ${formatBytes(budget)}`,
    bytes: `${grouped.format(used)} of ${grouped.format(budget)} bytes`,
  });
  return [
    bar(
      "flash",
      "Flash",
      memory.flash,
      memory.flashBudget,
      segments([{ label: "image", bytes: memory.flash }], memory.flashBudget),
    ),
    bar(
      "ram",
      "RAM",
      ramUsed,
      memory.ramBudget,
      segments(
        [
          { label: "static data", bytes: memory.ram },
          { label: "stack reserve", bytes: memory.stackReserve },
        ],
        memory.ramBudget,
      ),
    ),
  ];
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export const formatCount = (n: number) => grouped.format(n);
