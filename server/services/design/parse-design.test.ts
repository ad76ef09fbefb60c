import { describe, expect, it } from "vitest";
import { AppError } from "../../../contracts/errors";
import { parseSpec } from "../../../contracts/spec/validate";
import { QUANTITIES, quantitiesOf } from "../../../workers/codegen/templates/sensors";
import { specFromSummary } from "./claude.fixtures";
import { parseDesign } from "./parse-design";
import { SENSOR_WORDS } from "./phrases/vocabulary";
import { PHRASES } from "./phrases.fixtures";

const offline = (text: string, existing?: Parameters<typeof parseDesign>[0]["existing"]) =>
  parseDesign({ text, existing, env: {} });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected parseDesign to fail");
}

const EXISTING = parseSpec(
  specFromSummary("Farm", {
    nodes: [
      "greenhouse-1 sensor lm3s6965evb [temperature,humidity] {} 5000",
      "greenhouse-2 sensor lm3s6965evb [temperature,humidity] {} 5000",
      "gateway gateway esp32-devkitc [uptime] {} 5000",
    ],
    rules: ["temperature > 30 °C => alert"],
    links: ["greenhouse-1->gateway", "greenhouse-2->gateway"],
  }),
);

describe("extending an existing design (phrase parser)", () => {
  it("keeps every existing node, rule and link and numbers new nodes past the ids in use", async () => {
    const proposal = await offline("three greenhouse sensors and a fan controller. Alert above 30 °C.", EXISTING);
    expect(proposal.spec.nodes.slice(0, 3)).toEqual(EXISTING.nodes);
    expect(proposal.spec.nodes.slice(3).map((n) => n.id)).toEqual([
      "greenhouse-3",
      "greenhouse-4",
      "greenhouse-5",
      "fan-controller",
    ]);
    expect(proposal.added.map((a) => a.nodeId)).toEqual([
      "greenhouse-3",
      "greenhouse-4",
      "greenhouse-5",
      "fan-controller",
    ]);
    expect(proposal.spec.name).toBe("Farm");
    // The rule was already there: nothing is repeated.
    expect(proposal.rulesAdded).toEqual([]);
    expect(proposal.spec.rules).toEqual(EXISTING.rules);
    // New nodes report to the existing gateway and sit in a row below the existing ones.
    expect(proposal.spec.links.slice(0, 2)).toEqual(EXISTING.links);
    expect(proposal.spec.links.slice(2).map((l) => `${l.from}->${l.to}`)).toEqual([
      "greenhouse-3->gateway",
      "greenhouse-4->gateway",
      "greenhouse-5->gateway",
      "fan-controller->gateway",
    ]);
    const below = Math.max(...EXISTING.nodes.map((n) => n.position.y));
    for (const node of proposal.spec.nodes.slice(3)) expect(node.position.y).toBeGreaterThan(below);
    expect(new Set(proposal.spec.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(7);
  });

  it("adds a rule only, when that is all the text asks for", async () => {
    const proposal = await offline("if humidity > 85 % sound an alarm", EXISTING);
    expect(proposal.added).toEqual([]);
    expect(proposal.spec.nodes).toEqual(EXISTING.nodes);
    expect(proposal.rulesAdded).toEqual([{ when: "humidity > 85 %", then: "buzzer on" }]);
  });
});

describe("text that cannot become a design", () => {
  it.each([
    ["", /^Describe the swarm first/],
    ["   \n ", /^Describe the swarm first/],
    ["12345 !!! ???", /^"12345 !!! \?\?\?" has no words to read a design from/],
    [
      "asdf qwer zxcv",
      /^Could not find any node, sensor, actuator or board in "asdf qwer zxcv"\. Describe the swarm like/,
    ],
    ["the quick brown fox jumps over the lazy dog", /^Could not find any node, sensor, actuator or board/],
    ["x".repeat(4001), /^The description has 4001 characters; describe the swarm in at most 4000\.$/],
    ["70 temperature sensors", /^That makes 70 nodes; a swarm holds at most 64\./],
  ])("%j is refused with a specific message", async (text, message) => {
    const error = await failure(offline(text));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(message);
  });

  it("refuses text that adds nothing to the design", async () => {
    const error = await failure(offline("alert above 30 °C", EXISTING));
    expect(error.message).toBe(
      '"alert above 30 °C" adds nothing to the design: name the nodes, sensors or rules to add.',
    );
  });

  it("refuses to extend an invalid existing design, naming the problem", async () => {
    const broken = { ...EXISTING, nodes: [{ ...EXISTING.nodes[0]!, board: "esp99" }, ...EXISTING.nodes.slice(1)] };
    const error = await failure(offline("a fan", broken));
    expect(error.message).toBe('The existing design is invalid, fix it first: nodes.0.board: unknown board "esp99"');
  });
});

describe("vocabulary", () => {
  it("names only quantities the template firmware simulates, and sensor models it knows", () => {
    for (const word of SENSOR_WORDS) {
      for (const quantity of word.quantities) expect(QUANTITIES[quantity], word.phrase.join(" ")).toBeDefined();
      if (word.model) expect([...quantitiesOf(word.model.toLowerCase())].sort()).toEqual([...word.quantities].sort());
    }
  });

  it("has at least 20 phrasings in the shared table", () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(20);
  });
});
