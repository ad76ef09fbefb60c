import { describe, expect, it } from "vitest";
import { parseCondition } from "../../../workers/codegen/templates/rules";
import { specFromSummary } from "./claude.fixtures";
import { parseSpec } from "../../../contracts/spec/validate";
import { nodeRuleTarget, ruleWarnings } from "./rule-check";

const WHENS = [
  "temperature > 30",
  "temperature > 30 °C",
  "greenhouse-1.temperature >= 29.5",
  "humidity<40%",
  "motion == 1",
  "door = 0",
  "co2 != 400 ppm",
  "temperature > -18 °C",
  "avg(temperature) > 25 for 10 min",
  "temperature > 30 and humidity > 80",
  "when it is hot",
  "temperature above 30",
];

describe("rule check", () => {
  it.each(WHENS)("agrees with the firmware's rule reader on %j", (when) => {
    const firmware = parseCondition(when);
    expect(nodeRuleTarget(when)).toEqual(
      firmware ? { ...(firmware.node ? { node: firmware.node } : {}), field: firmware.field } : undefined,
    );
  });

  it("warns about rules no node evaluates, and only those", () => {
    const spec = parseSpec(
      specFromSummary("S", { nodes: ["gh-1 sensor lm3s6965evb [temperature] {fan} 5000"], rules: [], links: [] }),
    );
    expect(
      ruleWarnings(spec, [
        { when: "temperature > 30", then: "fan on" },
        { when: "gh-1.temperature > 30", then: "fan on" },
        { when: "gh-2.temperature > 30", then: "alert" },
        { when: "humidity > 80", then: "alert" },
        { when: "avg(temperature) > 25", then: "alert" },
      ]),
    ).toEqual([
      'No node "gh-2" reports "temperature", so no node evaluates "gh-2.temperature > 30".',
      'No node reports "humidity", so no node evaluates "humidity > 80".',
      'The rule "avg(temperature) > 25" is not in the "<field> <op> <number>" form nodes evaluate: only the aggregator can run it.',
    ]);
  });
});
