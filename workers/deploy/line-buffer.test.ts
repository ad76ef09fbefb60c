import { describe, expect, it } from "vitest";
import { LineBuffer } from "./line-buffer";

describe("LineBuffer", () => {
  it("joins chunks into whole lines, including a character split between chunks, and flushes the last", () => {
    const lines: string[] = [];
    const buffer = new LineBuffer((line) => lines.push(line));
    const euro = Buffer.from("€");
    buffer.push(Buffer.from("Plan: 1 to "));
    buffer.push(Buffer.concat([Buffer.from("add\nsecret-va"), euro.subarray(0, 1)]));
    buffer.push(Buffer.concat([euro.subarray(1), Buffer.from("lue\nno newline")]));
    expect(lines).toEqual(["Plan: 1 to add", "secret-va€lue"]);
    buffer.flush();
    expect(lines).toEqual(["Plan: 1 to add", "secret-va€lue", "no newline"]);
  });
});
