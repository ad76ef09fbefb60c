/**
 * Property-based fuzzing of design.parse on the offline path (no ANTHROPIC_API_KEY): whatever is typed,
 * the answer is a proposal the spec schema accepts or a BAD_REQUEST saying what to write instead, and
 * every parse finishes (fast-check fails a run over its timeout).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../contracts/errors";
import { emptySpec, type SystemSpec } from "../../../contracts/spec/schema";
import { safeParseSpec } from "../../../contracts/spec/validate";
import { parseDesign } from "./parse-design";

/** Words the phrase parser reacts to, so the fuzzer reaches its deeper paths rather than only "no words". */
const vocabulary = [
  "three",
  "two",
  "ten",
  "64",
  "100000",
  "0",
  "-5",
  "a",
  "an",
  "and",
  "with",
  "on",
  "every",
  "seconds",
  "minutes",
  "ms",
  "above",
  "below",
  "30",
  "°C",
  "%",
  "greenhouse",
  "sensor",
  "sensors",
  "gateway",
  "fan",
  "pump",
  "relay",
  "led",
  "temperature",
  "humidity",
  "soil",
  "moisture",
  "ESP32",
  "esp8266",
  "Blue",
  "Pill",
  "Pico",
  "Uno",
  "Nano",
  "STM32",
  "battery",
  "wifi",
  "Wi-Fi",
  "alert",
  "when",
  "turn",
  "off",
  "node",
  "nodes",
  ",",
  ".",
  "\n",
  "\u0000",
  "<script>",
  "🐝",
];
const phrase = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((words) => words.join(" "));
const text = fc.oneof(
  phrase,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
);

const existing: SystemSpec = {
  ...emptySpec("Existing"),
  nodes: [
    {
      id: "gateway",
      name: "Gateway",
      board: "esp32-devkitc",
      role: "gateway",
      behavior: "",
      sensors: [],
      actuators: [],
      telemetry: { intervalMs: 5000, fields: [] },
      expect: [],
      position: { x: 0, y: 0 },
    },
  ],
};

let proposals = 0;

async function expectProposalOrBadRequest(input: string, current?: SystemSpec) {
  try {
    const proposal = await parseDesign({ text: input, existing: current, env: {} });
    const checked = safeParseSpec(proposal.spec);
    expect(checked.success, checked.success ? "" : checked.error.message).toBe(true);
    expect(proposal.source).toBe("rules");
    proposals++;
    // An existing design is extended, never replaced.
    if (current) expect(proposal.spec.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(["gateway"]));
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).message.length).toBeGreaterThan(0);
  }
}

describe("design.parse (offline parser) under fuzzing", () => {
  it("answers any text with a valid proposal or a BAD_REQUEST", async () => {
    await fc.assert(
      fc.asyncProperty(text, (input) => expectProposalOrBadRequest(input)),
      { numRuns: 300, timeout: 2_000 },
    );
  }, 20_000);

  it("extends an existing design or refuses with BAD_REQUEST, for any text", async () => {
    await fc.assert(
      fc.asyncProperty(phrase, (input) => expectProposalOrBadRequest(input, existing)),
      { numRuns: 300, timeout: 2_000 },
    );
    // The fuzzer reached the parser's proposals, not only its refusals.
    expect(proposals).toBeGreaterThan(30);
  }, 20_000);
});
