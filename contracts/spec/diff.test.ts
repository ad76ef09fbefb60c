import { describe, expect, it } from "vitest";
import { diffSpecs, isEmptyDiff } from "./diff";
import { sensorNode } from "../../test/support/spec-nodes";
import { emptySpec, type SpecNode, type SystemSpec } from "./schema";

const node = (id: string, extra: Partial<SpecNode> = {}): SpecNode =>
  sensorNode(id, { name: id.toUpperCase(), board: "bluepill", ...extra });

const spec = (extra: Partial<SystemSpec>): SystemSpec => ({ ...emptySpec("Greenhouse"), ...extra });

describe("diffSpecs", () => {
  it("finds nodes added, removed and changed with each field's before and after", () => {
    const before = spec({ nodes: [node("a"), node("b"), node("c")] });
    const after = spec({
      nodes: [
        node("a"),
        node("c", { board: "esp32-devkitc", telemetry: { intervalMs: 5000, fields: ["temperature"] } }),
        node("d"),
      ],
    });
    const diff = diffSpecs(before, after);
    expect(diff.nodes.added).toEqual([{ id: "d", name: "D" }]);
    expect(diff.nodes.removed).toEqual([{ id: "b", name: "B" }]);
    expect(diff.nodes.changed).toEqual([
      {
        id: "c",
        name: "C",
        fields: [
          { field: "board", before: "bluepill", after: "esp32-devkitc" },
          {
            field: "telemetry",
            before: { intervalMs: 1000, fields: ["temperature"] },
            after: { intervalMs: 5000, fields: ["temperature"] },
          },
        ],
      },
    ]);
  });

  it("finds links and rules added and removed, and the project's renamed name", () => {
    const before = spec({
      nodes: [node("a"), node("b")],
      links: [{ from: "a", to: "b" }],
      rules: [{ when: "a.temperature > 30", then: "alert" }],
    });
    const after = spec({
      name: "Glasshouse",
      nodes: [node("a"), node("b")],
      links: [{ from: "b", to: "a" }],
      rules: [
        { when: "a.temperature > 30", then: "alert" },
        { when: "b.humidity < 20", then: "b.pump on" },
      ],
    });
    const diff = diffSpecs(before, after);
    expect(diff.project).toEqual([{ field: "name", before: "Greenhouse", after: "Glasshouse" }]);
    expect(diff.links).toEqual({ added: [{ from: "b", to: "a" }], removed: [{ from: "a", to: "b" }] });
    expect(diff.rules).toEqual({ added: [{ when: "b.humidity < 20", then: "b.pump on" }], removed: [] });
    expect(diff.nodes.changed).toEqual([]);
  });

  it("sees no change when only the key order differs, and an empty diff between equal specs", () => {
    const a = spec({ nodes: [node("a", { position: { x: 1, y: 2 } })] });
    const reordered = JSON.parse(JSON.stringify(a)) as SystemSpec;
    const reversed = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).reverse()) as T;
    reordered.nodes[0] = reversed({ ...reordered.nodes[0], position: reversed(reordered.nodes[0].position) });
    expect(isEmptyDiff(diffSpecs(a, reordered))).toBe(true);
    expect(isEmptyDiff(diffSpecs(a, spec({ nodes: [node("a", { position: { x: 9, y: 2 } })] })))).toBe(false);
  });

  it("reads old revisions that no longer validate, and garbage, without throwing", () => {
    const old = { name: "Old", nodes: [{ id: "a", name: "A", board: "a-board-gone-from-the-catalogue" }] };
    const diff = diffSpecs(old, spec({ name: "Old", nodes: [node("a")] }));
    expect(diff.nodes.changed[0].fields.map((f) => f.field)).toContain("board");
    expect(() => diffSpecs(null, 42)).not.toThrow();
    expect(diffSpecs("x", [1]).nodes).toEqual({ added: [], removed: [], changed: [] });
  });
});
