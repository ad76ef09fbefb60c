import { describe, expect, it } from "vitest";
import { foldNodeJob, iterationProgress } from "./build-events";
import type { JobEvent } from "../workspace/diagnostic-events";

let seq = 0;
const event = (type: string, data: unknown = {}): JobEvent => ({
  seq: ++seq,
  type,
  data,
  nodeId: "node-1",
  createdAt: "2026-01-01T00:00:00.000Z",
});
const step = (name: string, status: string, iteration: number, extra: object = {}) =>
  event("step", { step: name, status, iteration, ...extra });
const memory = { flash: 40_000, ram: 300, flashBudget: 32_256, ramBudget: 2048, stackReserve: 256 };

describe("foldNodeJob", () => {
  it("builds a timeline per iteration with statuses, durations and details", () => {
    const log = foldNodeJob([
      event("queued", { requires: ["avr-gcc"] }),
      event("claimed", { attempt: 1 }),
      step("generate", "started", 1, { generator: "templates" }),
      event("log", { line: "templates: 8 files" }),
      step("generate", "succeeded", 1, { durationMs: 37 }),
      step("compile", "started", 1, { toolchain: "avr-gcc" }),
      event("memory", memory),
      event("diagnostics", {
        iteration: 1,
        diagnostics: [{ file: "main.c", line: 3, column: null, severity: "error", message: "too big" }],
      }),
      step("compile", "succeeded", 1, { durationMs: 1500 }),
      step("size", "failed", 1, { durationMs: 1500, error: "flash over budget" }),
      step("generate", "started", 2, { generator: "templates" }),
    ]);
    expect(log.attempt).toBe(1);
    expect(log.lifecycle).toBe("claimed");
    expect(log.iterations.map((it) => it.iteration)).toEqual([1, 2]);
    const [first, second] = log.iterations;
    expect(first.steps.generate).toMatchObject({ status: "succeeded", durationMs: 37, detail: "templates" });
    expect(first.steps.compile).toMatchObject({ status: "succeeded", durationMs: 1500, detail: "avr-gcc" });
    expect(first.steps.size).toMatchObject({ status: "failed", error: "flash over budget" });
    expect(second.steps.generate.status).toBe("started");
    expect(second.steps.compile.status).toBe("pending");
    expect(log.memory).toEqual(memory);
    expect(log.diagnostics?.items[0].message).toBe("too big");
    expect(log.lines.map((l) => l.line)).toEqual(["templates: 8 files"]);
    expect(iterationProgress(log)).toEqual({ done: 0, total: 4, iteration: 2, current: "generate" });
  });

  it("marks a cache hit, counts skipped steps as done and sums token usage", () => {
    const log = foldNodeJob([
      event("claimed", { attempt: 1 }),
      step("generate", "skipped", 1, { reason: "pinned source" }),
      event("usage", { inputTokens: 10, outputTokens: 5 }),
      event("usage", { inputTokens: 1, outputTokens: 2, cacheReadInputTokens: 7 }),
      step("compile", "succeeded", 1, { cacheHit: true, durationMs: 12 }),
      event("succeeded", {}),
    ]);
    expect(log.iterations[0].steps.generate).toMatchObject({ status: "skipped", detail: "pinned source" });
    expect(log.iterations[0].steps.compile.cacheHit).toBe(true);
    expect(log.usage).toEqual({
      inputTokens: 11,
      outputTokens: 7,
      cacheReadInputTokens: 7,
      cacheCreationInputTokens: 0,
    });
    expect(log.lifecycle).toBe("succeeded");
    expect(iterationProgress(log)).toMatchObject({ done: 2, current: null });
  });

  it("starts afresh when a retry claims the job again, keeping the log", () => {
    const log = foldNodeJob([
      event("claimed", { attempt: 1 }),
      step("generate", "started", 1),
      event("log", { line: "first try" }),
      event("lease-expired", { next: "queued" }),
      event("claimed", { attempt: 2 }),
    ]);
    expect(log.attempt).toBe(2);
    expect(log.iterations).toEqual([]);
    expect(log.lines.map((l) => l.line)).toEqual(["first try", "── retrying (attempt 2) ──"]);
    expect(iterationProgress(log)).toEqual({ done: 0, total: 4, iteration: 1, current: null });
  });

  it("ignores malformed events", () => {
    const log = foldNodeJob([event("step", { step: "link", status: "started" }), event("memory", { flash: "big" })]);
    expect(log.iterations).toEqual([]);
    expect(log.memory).toBeNull();
  });
});
