import { describe, expect, it } from "vitest";
import { formatDuration, memoryBars } from "./memory-bars";

describe("memoryBars", () => {
  it("reports flash and RAM with the stack reserve counted against the budget", () => {
    const [flash, ram] = memoryBars({
      flash: 2188,
      ram: 328,
      flashBudget: 262_144,
      ramBudget: 65_536,
      stackReserve: 1024,
    });
    expect(flash).toMatchObject({ label: "Flash", used: 2188, percent: 0.8, over: false });
    expect(flash.summary).toBe("2.1 KiB / 256 KiB");
    expect(flash.bytes).toBe("2,188 of 262,144 bytes");
    expect(ram).toMatchObject({ label: "RAM", used: 1352, percent: 2.1, over: false });
    expect(ram.segments.map((s) => s.label)).toEqual(["static data", "stack reserve"]);
  });

  it("flags an overflow and clips the segments to the bar", () => {
    const [flash, ram] = memoryBars({
      flash: 40_000,
      ram: 1900,
      flashBudget: 32_256,
      ramBudget: 2048,
      stackReserve: 256,
    });
    expect(flash).toMatchObject({ over: true, percent: 124 });
    expect(flash.segments[0].width).toBe(100);
    expect(ram.over).toBe(true);
    expect(ram.segments.reduce((sum, s) => sum + s.width, 0)).toBeCloseTo(100);
  });
});

describe("formatDuration", () => {
  it("uses ms under a second and seconds above", () => {
    expect(formatDuration(37)).toBe("37 ms");
    expect(formatDuration(1570)).toBe("1.6 s");
    expect(formatDuration(12_400)).toBe("12 s");
  });
});
