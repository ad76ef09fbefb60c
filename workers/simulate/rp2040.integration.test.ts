/** The Pico's template firmware (its own boot2, no Pico SDK) on rp2040js inside the worker process. */
import { afterAll, describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import type { TimedLine } from "../../contracts/simulate";
import { simulateNode } from "./simulate-node";
import { cleanUpFirmware, templateFirmware } from "./testing/firmware";

afterAll(cleanUpFirmware);

describe("rpi-pico on rp2040js", () => {
  it("boots through boot2, prints telemetry on UART0 every 250 ms of firmware time and passes its expectations", async () => {
    const lines: TimedLine[] = [];
    const result = await simulateNode({
      board: getBoard("rpi-pico")!,
      image: await templateFirmware("rpi-pico"),
      mode: "check",
      durationMs: 2000,
      expect: ["event boot", "temperature between 15 and 35", "at least 8 telemetry lines within 2 s"],
      onLine: (line) => lines.push(line),
    });
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result).toMatchObject({ status: "passed", emulator: "rp2040js" });
    expect(result.console).toContain('@e {"event":"boot","node":"gh-1","board":"rpi-pico"}');
    // rp2040js keeps exact firmware time: sample n is printed at (n - 1) x 250 ms, give or take a millisecond.
    const telemetry = lines.filter((l) => l.line.kind === "telemetry");
    telemetry.forEach((t, i) => expect(Math.abs(t.firmwareMs - i * 250)).toBeLessThanOrEqual(2));
  });

  it("paces a live run to the wall clock: firmware time never runs ahead of it", async () => {
    const image = await templateFirmware("rpi-pico");
    const controller = new AbortController();
    const started = performance.now();
    let ahead = 0;
    const result = await simulateNode({
      board: getBoard("rpi-pico")!,
      image,
      mode: "live",
      signal: controller.signal,
      expect: ["event boot"],
      onLine: ({ line, firmwareMs }) => {
        ahead = Math.max(ahead, firmwareMs - (performance.now() - started));
        if (line.kind === "telemetry" && line.record.seq === 3) controller.abort();
      },
    });
    expect(result.status).toBe("stopped");
    expect(result.checks).toEqual([{ item: "event boot", passed: true, evidence: expect.stringContaining('"boot"') }]);
    // Pacing lets firmware time lag the wall clock (a busy host), never lead it by more than one slice.
    expect(ahead).toBeLessThanOrEqual(50);
    expect(result.firmwareMs).toBeGreaterThanOrEqual(500);
  });
});
