import { describe, expect, it } from "vitest";
import type { FlashEvent } from "@/app/_flash/types";
import {
  flashReducer,
  flashView,
  formatSecondsLeft,
  initialFlashState,
  writeSpeed,
  type FlashState,
} from "./flash-state";

const run = (events: [FlashEvent, number][], from: FlashState = flashReducer(initialFlashState, { type: "start" })) =>
  events.reduce((state, [event, at]) => flashReducer(state, { type: "event", event, at }), from);

describe("flashReducer", () => {
  it("walks the steps and reports progress, speed and time left while writing", () => {
    const state = run([
      [{ state: "connecting" }, 0],
      [{ state: "detecting" }, 10],
      [{ state: "detected", chip: "STM32F405", detail: "1 MiB" }, 20],
      [{ state: "erasing", erased: 1, total: 4 }, 30],
      [{ state: "writing", written: 0, total: 100 * 1024 }, 1000],
      [{ state: "writing", written: 20 * 1024, total: 100 * 1024 }, 2000],
    ]);
    expect(state.phase).toBe("running");
    expect(state.chip).toBe("STM32F405 (1 MiB)");
    expect(state.visited).toEqual(["connecting", "detecting", "erasing", "writing"]);
    const view = flashView(state);
    expect(view).toMatchObject({ busy: true, percent: 20, stepLabel: "Writing", written: 20480, total: 102400 });
    expect(view.kibPerSecond).toBe(20);
    expect(view.secondsLeft).toBe(4); // 80 KiB at 20 KiB/s
  });

  it("shows an instruction the flasher emits until the board answers", () => {
    const asked = run([
      [{ state: "connecting" }, 0],
      [{ state: "connecting", instruction: "Set BOOT0 to 1 and press reset." }, 600],
    ]);
    expect(asked.instruction).toBe("Set BOOT0 to 1 and press reset.");
    expect(asked.step).toBe("connecting");
    const answered = run([[{ state: "detected", chip: "STM32F10x medium-density (0x410)" }, 4000]], asked);
    expect(answered.instruction).toBeNull();
    expect(answered.chip).toBe("STM32F10x medium-density (0x410)");
  });

  it("measures speed over the recent window only, so a stall shows", () => {
    let state = run([
      [{ state: "writing", written: 0, total: 64 * 1024 }, 0],
      [{ state: "writing", written: 32 * 1024, total: 64 * 1024 }, 1000],
    ]);
    expect(writeSpeed(state)).toBe(32 * 1024);
    state = run([[{ state: "writing", written: 33 * 1024, total: 64 * 1024 }, 5000]], state);
    // The older samples fell out of the window: one sample left, no measured rate.
    expect(state.samples).toHaveLength(1);
    expect(flashView(state).kibPerSecond).toBeNull();
    expect(flashView(state).secondsLeft).toBeNull();
  });

  it("falls back to the rate the core reports until it has two samples", () => {
    const state = run([[{ state: "writing", written: 4096, total: 8192, bytesPerSecond: 2048 }, 100]]);
    expect(flashView(state)).toMatchObject({ kibPerSecond: 2, secondsLeft: 2 });
  });

  it("shows read-back progress while verifying and 100 % when done", () => {
    let state = run([
      [{ state: "writing", written: 1000, total: 1000 }, 0],
      [{ state: "verifying", verified: 250, total: 1000 }, 10],
    ]);
    expect(flashView(state)).toMatchObject({ percent: 25, stepLabel: "Verifying", kibPerSecond: null });
    state = run([[{ state: "done", bytes: 1000, durationMs: 1234 }, 20]], state);
    expect(state).toMatchObject({ phase: "done", bytes: 1000, durationMs: 1234 });
    expect(flashView(state)).toMatchObject({ busy: false, percent: 100, stepLabel: null });
  });

  it("keeps the first error and ignores events that arrive after it", () => {
    let state = run([
      [{ state: "writing", written: 400, total: 1000 }, 0],
      [{ state: "error", code: "disconnected", message: "the board disconnected" }, 5],
    ]);
    state = flashReducer(state, { type: "failed", code: "write-failed", message: "later" });
    state = run([[{ state: "writing", written: 500, total: 1000 }, 6]], state);
    expect(state.phase).toBe("failed");
    expect(state.error).toEqual({ code: "disconnected", message: "the board disconnected" });
    expect(state.written).toBe(400);
  });

  it("blocks with the transport's message and resets only when nothing is in flight", () => {
    const blocked = flashReducer(initialFlashState, { type: "blocked", message: "Use Chrome." });
    expect(blocked).toMatchObject({ phase: "blocked", notice: "Use Chrome." });
    expect(flashReducer(blocked, { type: "reset" })).toBe(initialFlashState);
    const running = flashReducer(initialFlashState, { type: "start" });
    expect(flashReducer(running, { type: "reset" })).toBe(running);
    const confirm = flashReducer(flashReducer(initialFlashState, { type: "choosing" }), {
      type: "confirm",
      warning: "That is an Arduino Uno.",
    });
    expect(confirm).toMatchObject({ phase: "confirm", notice: "That is an Arduino Uno." });
    expect(flashView(confirm).busy).toBe(true);
    expect(flashReducer(confirm, { type: "reset" })).toBe(initialFlashState);
    expect(flashReducer(initialFlashState, { type: "chosen-none" }).notice).toBe("No device was chosen.");
  });
});

describe("formatSecondsLeft", () => {
  it("reads as seconds, then minutes and seconds", () => {
    expect(formatSecondsLeft(42)).toBe("42 s");
    expect(formatSecondsLeft(65)).toBe("1 min 05 s");
  });
});
