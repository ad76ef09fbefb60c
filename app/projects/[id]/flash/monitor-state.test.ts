import { describe, expect, it } from "vitest";
import { parseNodeLine } from "@/contracts/node-lines";
import { initialMonitorState, MAX_EVENTS, MAX_LINES, monitorReducer, showValue } from "./monitor-state";

const feed = (lines: string[], at = 1000, state = initialMonitorState) =>
  monitorReducer(state, { type: "lines", lines: lines.map(parseNodeLine), at });

describe("monitorReducer", () => {
  it("keeps the latest value per telemetry field and the newest events first", () => {
    let state = feed(['@t {"temperature":21.5,"humidity":40}', "booting", '@e {"alert":"hot"}'], 1000);
    state = feed(['@t {"temperature":22}', '@e {"alert":"hotter"}'], 2000, state);
    expect(state.fields).toEqual({
      temperature: { value: "22", at: 2000 },
      humidity: { value: "40", at: 1000 },
    });
    expect(state.events.map((event) => event.record.alert)).toEqual(["hotter", "hot"]);
    expect(state.lines.map((line) => line.kind)).toEqual(["telemetry", "log", "event", "telemetry", "event"]);
    expect(state.lines.map((line) => line.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("marks malformed record lines and shows them as logs", () => {
    const state = feed(["@t {oops"]);
    expect(state.fields).toEqual({});
    expect(state.lines[0]).toMatchObject({ kind: "log", text: "@t {oops" });
    expect(state.lines[0].malformed).toMatch(/not a JSON object/);
  });

  it("bounds the console and the event list", () => {
    const many = Array.from({ length: MAX_LINES + 30 }, (_, i) => `@e {"n":${i}}`);
    const state = feed(many);
    expect(state.lines).toHaveLength(MAX_LINES);
    expect(state.lines.at(-1)!.text).toBe(`@e {"n":${MAX_LINES + 29}}`);
    expect(state.events).toHaveLength(MAX_EVENTS);
    expect(state.events[0].record.n).toBe(MAX_LINES + 29);
  });

  it("tracks the port's status and keeps an error over a later close", () => {
    let state = monitorReducer(initialMonitorState, { type: "opening" });
    state = monitorReducer(state, { type: "open" });
    expect(state.status).toBe("open");
    state = monitorReducer(state, { type: "error", message: "The device has been lost." });
    state = monitorReducer(state, { type: "closed" });
    expect(state).toMatchObject({ status: "error", error: "The device has been lost." });
    expect(monitorReducer(feed(["x"]), { type: "clear" }).lines).toEqual([]);
  });
});

describe("showValue", () => {
  it("prints primitives plainly and the rest as JSON", () => {
    expect(showValue(1.5)).toBe("1.5");
    expect(showValue("on")).toBe("on");
    expect(showValue(true)).toBe("true");
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue(null)).toBe("null");
  });
});
