import { describe, expect, it } from "vitest";
import { compare, compileRule } from "./rules";

const compile = (when: string) => compileRule({ when, then: "alert" });

describe("compileRule", () => {
  it("reads the on-node threshold form, with a unit and a node prefix", () => {
    expect(compile("greenhouse-1.temperature > 30 °C")).toMatchObject({
      kind: "threshold",
      node: "greenhouse-1",
      field: "temperature",
      op: ">",
      value: 30,
    });
    expect(compile("humidity <= 20%")).toMatchObject({ kind: "threshold", field: "humidity", op: "<=", value: 20 });
  });

  it("reads operator words and an `on <node>` suffix", () => {
    expect(compile("temperature above 30 on node-1")).toMatchObject({
      kind: "threshold",
      node: "node-1",
      field: "temperature",
      op: ">",
      value: 30,
    });
    expect(compile("Battery is below 3.3 V")).toMatchObject({ field: "battery", op: "<", value: 3.3 });
    expect(compile("level at least 80 on tank-2")).toMatchObject({ node: "tank-2", op: ">=", value: 80 });
  });

  it("reads rate-of-change rules", () => {
    expect(compile("temperature rises more than 5 per minute")).toMatchObject({
      kind: "rate",
      field: "temperature",
      direction: "rises",
      amount: 5,
      periodMs: 60_000,
    });
    expect(compile("pressure drops by more than 2 hPa per hour on station-3")).toMatchObject({
      kind: "rate",
      node: "station-3",
      direction: "falls",
      amount: 2,
      periodMs: 3_600_000,
    });
  });

  it("reads absence rules with and without a node", () => {
    expect(compile("no data from node-2 for 60 s")).toMatchObject({ kind: "absence", node: "node-2", afterMs: 60_000 });
    expect(compile("No data for 5 min")).toMatchObject({ kind: "absence", afterMs: 300_000 });
    expect(compile("no data for 2 fortnights")).toEqual({ error: expect.stringContaining("unknown time unit") });
  });

  it("explains a rule it cannot evaluate", () => {
    expect(compile("the greenhouse feels stuffy")).toEqual({ error: expect.stringContaining("not a rule") });
  });

  it("compares with every operator", () => {
    expect([compare(2, ">", 1), compare(1, ">", 1), compare(1, ">=", 1), compare(1, "!=", 1)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
