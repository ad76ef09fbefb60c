/**
 * The gallery's swarms as data: each validates with the spec schema, uses only boards that build
 * and boot here, and says nothing the template firmware cannot keep: every telemetry field is fed
 * by one of the node's sensors, every expect item names a declared field, and every rule runs on a
 * node and switches an actuator there.
 */
import { describe, expect, it } from "vitest";
import { getBoard } from "../boards";
import { parseSpec } from "../contracts/spec/validate";
import { buildModel } from "../workers/codegen/templates/model";
import { exampleInputs, examples, getExample, summarizeExample } from "./index";

describe("examples gallery", () => {
  it("holds at least three examples with distinct ids, titles and summaries", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
    for (const example of examples) {
      expect(example.title.length).toBeGreaterThan(3);
      expect(example.summary.length).toBeGreaterThan(40);
      expect(getExample(example.id)).toBe(example);
    }
    expect(getExample("no-such-example")).toBeUndefined();
  });

  it("summarizes each for the gallery: boards counted in the order nodes use them, and no spec", () => {
    expect(summarizeExample(getExample("parking-sensors")!)).toEqual({
      id: "parking-sensors",
      title: "Parking bays",
      summary: getExample("parking-sensors")!.summary,
      demonstrates: getExample("parking-sensors")!.demonstrates,
      nodeCount: 4,
      boards: [
        { id: "arduino-uno", name: "Arduino Uno", count: 3 },
        { id: "arduino-mega-2560", name: "Arduino Mega 2560", count: 1 },
      ],
    });
    for (const example of examples) {
      const summary = summarizeExample(example);
      expect(summary).not.toHaveProperty("spec");
      expect(summary.boards.reduce((sum, b) => sum + b.count, 0)).toBe(example.spec.nodes.length);
      expect(summary.demonstrates.length, example.id).toBeGreaterThan(0);
    }
  });

  describe.each(exampleInputs.map((e) => [e.id, e] as const))("%s", (id, input) => {
    const spec = parseSpec(input.spec);

    it("validates with parseSpec", () => {
      expect(spec).toEqual(getExample(id)!.spec);
      expect(spec.nodes.length).toBeGreaterThanOrEqual(3);
    });

    it("uses only boards that build with arm-gcc/avr-gcc and have a QEMU machine", () => {
      for (const node of spec.nodes) {
        const board = getBoard(node.board)!;
        expect(["arm-gcc", "avr-gcc"], node.id).toContain(board.toolchain.capability);
        expect(board.emulator, node.id).not.toBeNull();
      }
    });

    it("feeds every telemetry field from a sensor of its node and expects exactly those fields", () => {
      for (const node of spec.nodes) {
        const model = buildModel(spec, node, getBoard(node.board)!);
        expect(node.telemetry.fields.length, node.id).toBeGreaterThan(0);
        for (const field of model.fields) {
          expect(field.source.kind, `${node.id}.${field.name}`).toBe("channel");
          if (field.source.kind === "channel") expect(model.channels[field.source.channel]!.sensorId).not.toBeNull();
        }
        expect(model.unusedSensors, node.id).toEqual([]);
        expect(node.expect).toEqual(node.telemetry.fields.map((f) => `@t ${f}`));
      }
    });

    it("has every rule evaluated on a node, switching an actuator of that node", () => {
      spec.rules.forEach((rule, index) => {
        const local = spec.nodes.flatMap((node) =>
          buildModel(spec, node, getBoard(node.board)!).localRules.filter((r) => r.index === index),
        );
        expect(local.length, rule.when).toBeGreaterThan(0);
        expect(
          local.every((r) => r.actions.length > 0 && !r.rounded),
          rule.when,
        ).toBe(true);
      });
    });
  });
});
