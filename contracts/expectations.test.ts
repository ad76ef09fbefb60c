import { describe, expect, it } from "vitest";
import { parseExpectation, type Check } from "./expectations";
import { evaluateExpectations } from "./expectations-evaluate";
import { parseNodeLine } from "./node-lines";
import type { TimedLine } from "./simulate";

describe("parseExpectation", () => {
  it.each<[string, Check]>([
    ["contains: hello", { kind: "contains", text: "hello" }],
    ["Contains:sim: sample limit reached", { kind: "contains", text: "sim: sample limit reached" }],
    ["boot ok", { kind: "contains", text: "boot ok" }],
    ["/boot (ok|done)/i", { kind: "regex", source: "boot (ok|done)", flags: "i" }],
    ["event boot", { kind: "event", name: "boot" }],
    ["@e alert", { kind: "event", name: "alert" }],
    ["@t temperature", { kind: "field", field: "temperature" }],
    ["@t moisture within 10 s", { kind: "field", field: "moisture", withinMs: 10_000 }],
    [
      "temperature between 15 and 35",
      { kind: "field", field: "temperature", comparison: { op: "between", low: 15, high: 35 } },
    ],
    ["@t humidity > 40", { kind: "field", field: "humidity", comparison: { op: ">", value: 40 } }],
    ["humidity above 40.5", { kind: "field", field: "humidity", comparison: { op: ">", value: 40.5 } }],
    ["soil_moisture at most 90", { kind: "field", field: "soil_moisture", comparison: { op: "<=", value: 90 } }],
    ["temperature != -5", { kind: "field", field: "temperature", comparison: { op: "!=", value: -5 } }],
    [
      "at least 3 telemetry lines within 5 s",
      { kind: "count", bound: "at least", count: 3, of: { kind: "telemetry" }, withinMs: 5000 },
    ],
    ["AT MOST 0 alert events", { kind: "count", bound: "at most", count: 0, of: { kind: "event", event: "alert" } }],
    [
      "exactly 1 boot event within 500 ms",
      {
        kind: "count",
        bound: "exactly",
        count: 1,
        of: { kind: "event", event: "boot" },
        withinMs: 500,
      },
    ],
    [
      "at least 10 lines within 2 min",
      { kind: "count", bound: "at least", count: 10, of: { kind: "any" }, withinMs: 120_000 },
    ],
    ["at least 1 log line", { kind: "count", bound: "at least", count: 1, of: { kind: "log" } }],
    ["at least 2 events", { kind: "count", bound: "at least", count: 2, of: { kind: "event" } }],
  ])("%s", (text, check) => {
    expect(parseExpectation(text)).toEqual({ ok: true, check });
  });

  it.each([
    ["", /is empty/],
    ["/unclosed", /written \/pattern\/flags/],
    ["/a(/", /not a valid regular expression/],
    ["/boot/g", /unknown regular expression flag/],
    ["event", /expected an event name/],
    ["event two words", /expected an event name/],
    ["@t", /expected a telemetry field name/],
    ["@t temperature roughly 20", /expected a comparison after "temperature"/],
    ["temperature between 35 and 15", /the range is empty: 35 is above 15/],
    ["temperature between low and high", /expected a comparison/],
    ["temperature above warm", /expected a comparison/],
    ["at least three telemetry lines", /expected "at least N lines"/],
    ["at most 2 widgets", /expected "at most N lines"/],
    ["event boot within soon", /positive number with ms, s or min/],
    ["event boot within 5 hours", /positive number with ms, s or min/],
    ["contains:", /nothing after "contains:"/],
  ])("refuses %j, naming the item", (text, why) => {
    const parsed = parseExpectation(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(why);
    expect(parsed.message.startsWith(`expectation "${text.trim()}"`)).toBe(true);
  });
});

const at = (firmwareMs: number, raw: string): TimedLine => ({ firmwareMs, line: parseNodeLine(raw) });
// What template firmware prints (workers/codegen/templates), one sample every 250 ms.
const run: TimedLine[] = [
  at(0, '@e {"event":"boot","node":"gh-1","board":"lm3s6965evb"}'),
  at(0, '@t {"node":"gh-1","seq":1,"temperature":24.81,"humidity":56.80,"uptime":0}'),
  at(0, '@e {"event":"alert","node":"gh-1","rule":0,"field":"temperature","value":24.81,"then":"fan on"}'),
  at(250, '@t {"node":"gh-1","seq":2,"temperature":25.02,"humidity":57.10,"uptime":0}'),
  at(500, '@t {"node":"gh-1","seq":3,"temperature":36.5,"humidity":57.4,"uptime":0}'),
  at(750, "sim: sample limit reached"),
];

describe("evaluateExpectations", () => {
  it("passes what the run shows, with the deciding line as evidence", () => {
    expect(
      evaluateExpectations(
        ["event boot", "@t humidity", "contains: sample limit", "/LIMIT/i", "at least 2 telemetry lines within 250 ms"],
        run,
      ),
    ).toEqual([
      { item: "event boot", passed: true, evidence: run[0]!.line.raw },
      { item: "@t humidity", passed: true, evidence: run[1]!.line.raw },
      { item: "contains: sample limit", passed: true, evidence: "sim: sample limit reached" },
      { item: "/LIMIT/i", passed: true, evidence: "sim: sample limit reached" },
      { item: "at least 2 telemetry lines within 250 ms", passed: true, evidence: run[3]!.line.raw },
    ]);
  });

  it("fails a range on the first value outside it, and passes it inside a window that excludes that value", () => {
    const [whole, early] = evaluateExpectations(
      ["temperature between 15 and 35", "temperature between 15 and 35 within 0.3 s"],
      run,
    );
    expect(whole).toEqual({
      item: "temperature between 15 and 35",
      passed: false,
      evidence: `temperature 36.5 is not between 15 and 35: ${run[4]!.line.raw}`,
    });
    expect(early).toMatchObject({ passed: true, evidence: run[3]!.line.raw });
  });

  it("says what was missing when nothing decided the check", () => {
    const results = evaluateExpectations(
      [
        "event crash",
        "@t pressure",
        "at least 4 telemetry lines within 1 s",
        "at most 0 alert events",
        "exactly 1 boot event",
        "hello",
        "at least 3 telemetry lines within 0.4 s",
        "temperature > nothing",
      ],
      run,
    );
    expect(results.map((r) => [r.passed, r.evidence])).toEqual([
      [false, 'no "crash" event'],
      [false, "no telemetry line has pressure"],
      [false, "3 telemetry lines in the first 1 s of firmware time (expected at least 4)"],
      [false, "1 alert events (expected at most 0)"],
      [true, "1 boot events"],
      [false, 'no console line contains "hello"'],
      [false, "2 telemetry lines in the first 400 ms of firmware time (expected at least 3)"],
      [false, expect.stringMatching(/^expectation "temperature > nothing": expected a comparison/)],
    ]);
  });

  it("treats a non-numeric telemetry value as failing a comparison", () => {
    const lines = [at(0, '@t {"node":"n","temperature":"warm"}')];
    expect(evaluateExpectations(["temperature < 40"], lines)[0]).toMatchObject({
      passed: false,
      evidence: `temperature not a number: ${lines[0]!.line.raw}`,
    });
  });
});
