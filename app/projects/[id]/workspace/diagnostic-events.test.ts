import { describe, expect, it } from "vitest";
import { mergeEvent, summarizeJobLog, type JobEvent } from "./diagnostic-events";

const at = "2026-01-01T00:00:00.000Z";
const event = (seq: number, type: string, data: unknown): JobEvent => ({
  seq,
  type,
  data,
  nodeId: null,
  createdAt: at,
});

describe("diagnostics log", () => {
  it("splits events into console lines, tool rows and lifecycle chips", () => {
    const log = summarizeJobLog([
      event(1, "queued", { kind: "diagnostics", requires: [] }),
      event(2, "claimed", { workerId: "w1", attempt: 1 }),
      event(3, "log", { line: "$ arm-none-eabi-gcc --version" }),
      event(4, "tool", { name: "arm-gcc", ok: true, version: "12.2.1", durationMs: 40 }),
      event(5, "failed", { error: "boom" }),
    ]);
    expect(log.lines.map((l) => l.line)).toEqual(["$ arm-none-eabi-gcc --version"]);
    expect(log.tools).toEqual([{ seq: 4, name: "arm-gcc", ok: true, version: "12.2.1", durationMs: 40 }]);
    expect(log.lifecycle.map((c) => [c.type, c.detail])).toEqual([
      ["queued", null],
      ["claimed", "attempt 1"],
      ["failed", "boom"],
    ]);
  });

  it("ignores an event it already has and keeps seq order", () => {
    let events = [event(1, "queued", {}), event(3, "log", { line: "b" })];
    events = mergeEvent(events, event(3, "log", { line: "b" }));
    events = mergeEvent(events, event(2, "log", { line: "a" }));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
