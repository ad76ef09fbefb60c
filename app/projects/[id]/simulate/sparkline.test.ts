import { describe, expect, it } from "vitest";
import { displayFields, sparklinePoints } from "./sparkline";

describe("sparklinePoints", () => {
  it("scales the lowest value to the bottom and the highest to the top", () => {
    expect(sparklinePoints([10, 20, 15], 100, 20)).toBe("0,20 50,0 100,10");
  });
  it("draws a flat series across the middle and nothing for no values", () => {
    expect(sparklinePoints([5, 5], 60, 10)).toBe("0,5 60,5");
    expect(sparklinePoints([], 60, 10)).toBe("");
  });
});

describe("displayFields", () => {
  it("shows the readings, not the node id or sample counter, rounding long decimals", () => {
    expect(displayFields({ node: "a", seq: 7, temperature: 21.456, fan: "on", ok: true, nested: { x: 1 } })).toEqual([
      ["temperature", "21.46"],
      ["fan", "on"],
      ["ok", "true"],
    ]);
  });
});
