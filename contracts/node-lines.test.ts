import { describe, expect, it } from "vitest";
import { LineSplitter, parseNodeLine } from "./node-lines";

describe("parseNodeLine", () => {
  it("reads telemetry and events and treats everything else as a log", () => {
    expect(parseNodeLine('@t {"node":"a","seq":1,"temperature":23.5}\r')).toEqual({
      kind: "telemetry",
      record: { node: "a", seq: 1, temperature: 23.5 },
      raw: '@t {"node":"a","seq":1,"temperature":23.5}',
    });
    expect(parseNodeLine('@e {"event":"boot"}').kind).toBe("event");
    expect(parseNodeLine("booting...")).toEqual({ kind: "log", raw: "booting..." });
  });

  it("keeps a malformed record as a log with the reason", () => {
    const line = parseNodeLine("@t {temperature: 23");
    expect(line.kind).toBe("log");
    expect(line.kind === "log" && line.malformed).toContain("not a JSON object");
    expect(parseNodeLine("@t [1,2]").kind).toBe("log");
  });
});

describe("LineSplitter", () => {
  it("joins lines split across chunks, including a UTF-8 character cut in half", () => {
    const splitter = new LineSplitter();
    const bytes = new TextEncoder().encode('@t {"t":"23 °C"}\nsecond\n');
    const cut = bytes.indexOf(0xb0); // the second byte of "°"
    expect(splitter.push(bytes.subarray(0, cut))).toEqual([]);
    expect(splitter.push(bytes.subarray(cut))).toEqual(['@t {"t":"23 °C"}', "second"]);
  });

  it("flushes a runaway line instead of growing without bound", () => {
    const splitter = new LineSplitter();
    const lines = splitter.push(new TextEncoder().encode("x".repeat(5000)));
    expect(lines).toHaveLength(1);
  });
});
