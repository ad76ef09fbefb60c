/**
 * The offline path of design.parse against a table of phrasings: what each must produce, checked
 * on the validated spec. Every proposed rule is also run through the template firmware's own rule
 * reader (buildModel), so a rule that would not become on-node logic fails here.
 */
import { describe, expect, it } from "vitest";
import { getBoard } from "../../../boards";
import { designProposalSchema, type DesignProposal } from "../../../contracts/design";
import { parseSpec } from "../../../contracts/spec/validate";
import { buildModel } from "../../../workers/codegen/templates/model";
import { parseDesign } from "./parse-design";
import { PHRASES } from "./phrases.fixtures";
import { summarize } from "./summary.fixtures";

const offline = (text: string) => parseDesign({ text, env: {} });

/** Each rule is evaluated on every node that reports its field, and switches the actuators it names there. */
export function expectRulesRunOnNodes(proposal: DesignProposal) {
  proposal.rulesAdded.forEach((rule) => {
    const index = proposal.spec.rules.findIndex((r) => r.when === rule.when && r.then === rule.then);
    const evaluating = proposal.spec.nodes.flatMap((node) => {
      const model = buildModel(proposal.spec, node, getBoard(node.board)!);
      const local = model.localRules.find((r) => r.index === index);
      return local ? [{ node, local }] : [];
    });
    expect(evaluating.length, `no node evaluates "${rule.when}"`).toBeGreaterThan(0);
    if (rule.then !== "alert") {
      const switched = evaluating.flatMap(({ local, node }) =>
        local.actions.map((a) => node.actuators[a.actuator]!.type),
      );
      for (const clause of rule.then.split(", ")) expect(switched).toContain(clause.split(" ")[0]);
    }
  });
}

describe("design.parse without ANTHROPIC_API_KEY (phrase parser)", () => {
  it.each(PHRASES.map((row) => [row.text, row] as const))("%s", async (_text, row) => {
    const proposal = await offline(row.text);
    expect(proposal.source).toBe("rules");
    expect(parseSpec(proposal.spec)).toEqual(proposal.spec);
    expect(designProposalSchema.parse(proposal)).toEqual(proposal);
    expect(summarize(proposal)).toEqual(row.expect);
    expectRulesRunOnNodes(proposal);
    for (const node of proposal.spec.nodes) {
      expect(proposal.boardReasons[node.id]).toMatch(new RegExp(`^${escape(getBoard(node.board)!.name)}: `));
      expect(proposal.added.find((a) => a.nodeId === node.id)?.reason).toBeTruthy();
      expect(node.expect).toEqual(node.telemetry.fields.map((f) => `@t ${f}`));
    }
  });

  it("says why it chose the default board, a Wi-Fi board for a gateway and a low-power board for batteries", async () => {
    const plain = await offline("a temperature sensor");
    expect(plain.boardReasons["temperature-sensor"]).toBe(
      "TI Stellaris LM3S6965 EVB: nothing in the description needs a particular board, and it builds with " +
        "arm-none-eabi-gcc and boots in QEMU (lm3s6965evb) here, with 256 KiB flash and 64 KiB RAM",
    );
    const gateway = await offline("a gateway");
    expect(gateway.boardReasons.gateway).toMatch(/^ESP32-DevKitC: has Wi-Fi, which a gateway needs; /);
    expect(gateway.warnings).toContain(
      "ESP32-DevKitC builds only on a worker with esp-idf; none runs on this machine.",
    );
    const battery = await offline("a battery powered soil moisture sensor");
    expect(battery.boardReasons["soil-moisture-sensor"]).toMatch(
      /^Nucleo-L476RG: STM32L4 is ST's ultra-low-power family/,
    );
    const arduino = await offline("an Arduino with many pins measuring light");
    expect(arduino.spec.nodes[0]!.board).toBe("arduino-mega-2560");
    expect(arduino.boardReasons.node).toMatch(
      /^Arduino Mega 2560: named in the description \("arduino"\); 70 I\/O pins/,
    );
    // The smallest board that holds 512 KiB and builds and boots here (the catalogue decides which one that is).
    const flash = await offline("a node with 512 KB flash measuring sound");
    const flashBoard = getBoard(flash.spec.nodes[0]!.board)!;
    expect(flashBoard.flashBytes).toBeGreaterThanOrEqual(512 * 1024);
    expect(flashBoard.emulator).not.toBeNull();
    expect(flash.boardReasons.node).toBe(
      `${flashBoard.name}: ${flashBoard.flashBytes >= 1024 * 1024 ? `${flashBoard.flashBytes / 1024 / 1024} MiB` : `${flashBoard.flashBytes / 1024} KiB`} ` +
        `of application flash, which the words "512 kb flash" ask for; it builds with ${flashBoard.toolchain.compiler} ` +
        `and boots in QEMU (${flashBoard.emulator!.machine}) here`,
    );
    const pins = await offline("a node with many pins driving 8 relays");
    expect(pins.boardReasons["relay-controller"]).toMatch(
      /^[^:]+: \d+ I\/O pins, the most among the boards that fit, /,
    );
  });

  it("names the swarm and says, per node, which words asked for it and what it does", async () => {
    const proposal = await offline("a fan. Two greenhouse sensors every 10 s");
    expect(proposal.spec.name).toBe("Greenhouse swarm");
    expect(proposal.spec.description).toBe("a fan. Two greenhouse sensors every 10 s");
    expect(proposal.added).toEqual([
      {
        nodeId: "fan-controller",
        reason: '"a fan.": actuator that reports its uptime; switches fan, reports every 5 s (no interval was given)',
      },
      {
        nodeId: "greenhouse-1",
        reason:
          '"Two greenhouse sensors every 10 s" (1 of 2): sensor that measures temperature, humidity ' +
          '(what "greenhouse" nodes usually measure), reports every 10 s',
      },
      {
        nodeId: "greenhouse-2",
        reason:
          '"Two greenhouse sensors every 10 s" (2 of 2): sensor that measures temperature, humidity ' +
          '(what "greenhouse" nodes usually measure), reports every 10 s',
      },
    ]);
    expect(proposal.spec.nodes[1]!.behavior).toBe(
      'Measures temperature, humidity; reports every 10 s. From the description: "Two greenhouse sensors every 10 s"',
    );
    const gateway = await offline("a gateway with a temperature sensor");
    expect(gateway.spec.nodes[0]).toMatchObject({ role: "gateway", telemetry: { fields: ["temperature"] } });
  });

  it("keeps intervals inside what the spec allows, saying so", async () => {
    const fast = await offline("a temperature sensor every 10 ms");
    expect(fast.spec.nodes[0]!.telemetry.intervalMs).toBe(100);
    expect(fast.warnings).toContain('"every 10 ms" is outside 100 ms..24 h: using 100 ms.');
    const slow = await offline("a temperature sensor every 2 days");
    expect(slow.spec.nodes[0]!.telemetry.intervalMs).toBe(86_400_000);
    const symbols = await offline("a humidity sensor, if humidity ≥ 70 % turn on the fan");
    expect(symbols.rulesAdded).toEqual([{ when: "humidity >= 70 %", then: "fan on" }]);
  });

  it("warns about assumptions and unmet needs instead of guessing silently", async () => {
    const bare = await offline("two nodes");
    expect(bare.warnings).toContain('"two nodes" names no reading: assumed temperature.');
    const conflict = await offline("an Arduino Uno on Wi-Fi measuring light");
    expect(conflict.spec.nodes[0]!.board).toBe("arduino-uno");
    expect(conflict.warnings.join("\n")).toMatch(
      /"arduino uno" was named, but Arduino Uno does not meet this need: a network/,
    );
    const unknownReading = await offline("a fan controller, alert above 30");
    expect(unknownReading.warnings.join("\n")).toMatch(/Skipped the rule "alert above 30"/);
  });
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
