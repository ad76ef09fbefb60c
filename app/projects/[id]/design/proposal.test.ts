import { describe, expect, it } from "vitest";
import type { DesignProposal } from "@/contracts/design";
import { emptySpec, type SpecNode, type SystemSpec } from "@/contracts/spec/schema";
import { parseSpec } from "@/contracts/spec/validate";
import {
  acceptAll,
  acceptNodes,
  acceptRules,
  isSettled,
  pendingLinks,
  pendingNodes,
  rejectNodes,
  rejectRule,
  startProposal,
} from "./proposal";

const node = (id: string, role: SpecNode["role"], x: number, y = 0): SpecNode => ({
  id,
  name: id,
  board: "lm3s6965evb",
  role,
  behavior: "",
  sensors: [],
  actuators: [],
  telemetry: { intervalMs: 5000, fields: [] },
  expect: [],
  position: { x, y },
});

const existing: SystemSpec = { ...emptySpec("Barn"), nodes: [node("barn-gw", "gateway", 0)] };
const alert = { when: "temperature > 30", then: "alert" };

/** What design.parse answers for "two sensors and a gateway" on top of `existing`. */
function proposalFor(base: SystemSpec): DesignProposal {
  const added = [
    node("sensor-1", "sensor", 0, 180),
    node("sensor-2", "sensor", 240, 180),
    node("gw", "gateway", 480, 180),
  ];
  return {
    spec: {
      ...base,
      nodes: [...base.nodes, ...added],
      links: [
        ...base.links,
        { from: "sensor-1", to: "gw" },
        { from: "sensor-2", to: "gw" },
        { from: "gw", to: "barn-gw" },
      ],
      rules: [...base.rules, alert],
    },
    added: added.map((n) => ({ nodeId: n.id, reason: `asked for ${n.id}` })),
    boardReasons: Object.fromEntries(added.map((n) => [n.id, "TI Stellaris LM3S6965 EVB: named"])),
    rulesAdded: [alert],
    source: "rules",
    warnings: [],
  };
}

const ids = (spec: SystemSpec) => spec.nodes.map((n) => n.id);

describe("a pending design proposal", () => {
  it("starts with every added node and rule waiting, drawn with its links", () => {
    const pending = startProposal(proposalFor(existing));
    expect(pendingNodes(pending).map((n) => n.id)).toEqual(["sensor-1", "sensor-2", "gw"]);
    expect(pending.rules).toEqual([alert]);
    expect(pendingLinks(pending, existing)).toHaveLength(3);
  });

  it("accepting some nodes extends the current design and keeps the rest waiting", () => {
    const pending = startProposal(proposalFor(existing));
    const { spec, pending: rest } = acceptNodes(existing, pending, ["gw", "sensor-1"]);
    expect(ids(spec)).toEqual(["barn-gw", "sensor-1", "gw"]);
    expect(spec.links).toEqual([
      { from: "sensor-1", to: "gw" },
      { from: "gw", to: "barn-gw" },
    ]);
    expect(rest.nodeIds).toEqual(["sensor-2"]);
    expect(() => parseSpec(spec)).not.toThrow();
    // Its link to the now accepted gateway arrives when the last sensor is accepted.
    const done = acceptNodes(spec, rest, ["sensor-2"]);
    expect(done.spec.links).toContainEqual({ from: "sensor-2", to: "gw" });
  });

  it("a rejected node is dropped with its links and never added", () => {
    const pending = rejectNodes(startProposal(proposalFor(existing)), ["gw"]);
    expect(pendingNodes(pending).map((n) => n.id)).toEqual(["sensor-1", "sensor-2"]);
    expect(pendingLinks(pending, existing)).toEqual([]);
    const { spec, pending: rest } = acceptAll(existing, pending);
    expect(ids(spec)).toEqual(["barn-gw", "sensor-1", "sensor-2"]);
    expect(spec.links).toEqual([]);
    expect(spec.rules).toEqual([alert]);
    expect(isSettled(rest)).toBe(true);
  });

  it("keeps edits made to the design after the proposal arrived", () => {
    const pending = startProposal(proposalFor(existing));
    const edited: SystemSpec = {
      ...existing,
      name: "Renamed barn",
      nodes: [{ ...existing.nodes[0]!, name: "Barn gateway" }, node("gw", "sensor", 480, 180)],
    };
    const { spec } = acceptAll(edited, pending);
    expect(spec.name).toBe("Renamed barn");
    expect(spec.nodes[0]!.name).toBe("Barn gateway");
    // The user's own "gw" stays; the proposed one gets a free id, a free spot and its links.
    expect(ids(spec)).toEqual(["barn-gw", "gw", "sensor-1", "sensor-2", "gw-2"]);
    const moved = spec.nodes.find((n) => n.id === "gw-2")!;
    expect(moved.position).not.toEqual({ x: 480, y: 180 });
    expect(spec.links).toEqual(
      expect.arrayContaining([
        { from: "sensor-1", to: "gw-2" },
        { from: "gw-2", to: "barn-gw" },
      ]),
    );
    expect(spec.links).not.toContainEqual({ from: "sensor-1", to: "gw" });
    expect(() => parseSpec(spec)).not.toThrow();
  });

  it("rules are accepted or rejected on their own, never twice", () => {
    const pending = startProposal(proposalFor(existing));
    const withRule: SystemSpec = { ...existing, rules: [{ when: "Temperature > 30", then: "ALERT" }] };
    const { spec, pending: rest } = acceptRules(withRule, pending, [alert]);
    expect(spec.rules).toHaveLength(1);
    expect(rest.rules).toEqual([]);
    expect(rejectRule(pending, alert).rules).toEqual([]);
    expect(acceptRules(existing, pending, [alert]).spec.rules).toEqual([alert]);
  });

  it("a proposal from nothing brings its network settings to an empty project", () => {
    const proposal = proposalFor(emptySpec("Proposed"));
    proposal.spec.network = { wifi: { ssid: "greenhouse" } };
    const { spec } = acceptAll(emptySpec("My project"), startProposal(proposal));
    expect(spec.name).toBe("My project");
    expect(spec.network.wifi).toEqual({ ssid: "greenhouse" });
  });
});
