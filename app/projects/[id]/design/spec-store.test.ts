import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptySpec, type SystemSpec } from "@/contracts/spec/schema";
import { addNode, updateNode } from "./spec-edits";
import { SpecStore, type SaveFailure } from "./spec-store";

type Call = { spec: SystemSpec; base: number; resolve: (revision: number) => void; reject: (error: unknown) => void };

function setup() {
  const calls: Call[] = [];
  const store = new SpecStore(
    { spec: emptySpec("Test"), revision: 1 },
    {
      send: (spec, base) =>
        new Promise((resolve, reject) =>
          calls.push({ spec, base, resolve: (revision) => resolve({ revision }), reject }),
        ),
      describeError: (error) => error as SaveFailure,
    },
  );
  return { store, calls };
}

const add = (spec: SystemSpec) => addNode(spec, { x: 0, y: 0 }).spec;

describe("SpecStore", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));
  afterEach(() => vi.useRealTimers());

  it("applies an edit at once and saves it with the current revision as base", async () => {
    const { store, calls } = setup();
    store.edit(add);
    expect(store.getSnapshot().spec.nodes).toHaveLength(1);
    expect(store.getSnapshot().status).toBe("saving");
    expect(calls).toHaveLength(1);
    expect(calls[0].base).toBe(1);
    calls[0].resolve(2);
    await vi.waitFor(() => expect(store.getSnapshot()).toMatchObject({ status: "saved", revision: 2 }));
  });

  it("never overlaps saves and sends only the latest spec, based on the previous save's revision", async () => {
    const { store, calls } = setup();
    store.edit(add);
    store.edit(add);
    store.edit(add);
    expect(calls).toHaveLength(1);
    calls[0].resolve(2);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].base).toBe(2);
    expect(calls[1].spec.nodes).toHaveLength(3);
    calls[1].resolve(3);
    await vi.waitFor(() => expect(store.getSnapshot()).toMatchObject({ status: "saved", revision: 3 }));
    expect(calls).toHaveLength(2);
  });

  it("waits for a pause in typing before saving debounced edits", async () => {
    const { store, calls } = setup();
    store.edit(add);
    calls[0].resolve(2);
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe("saved"));
    for (const name of ["S", "So", "Soil"]) {
      store.edit((spec) => updateNode(spec, "node-1", { name }), { debounce: true });
      vi.advanceTimersByTime(200);
    }
    expect(calls).toHaveLength(1);
    expect(store.getSnapshot().status).toBe("pending");
    vi.advanceTimersByTime(400);
    expect(calls).toHaveLength(2);
    expect(calls[1].spec.nodes[0].name).toBe("Soil");
  });

  it("keeps the local edit and shows the server's message when a save is refused", async () => {
    const { store, calls } = setup();
    store.edit(add);
    calls[0].reject({ conflict: false, message: "nodes.0.id: bad" });
    await vi.waitFor(() => expect(store.getSnapshot()).toMatchObject({ status: "error", error: "nodes.0.id: bad" }));
    expect(store.getSnapshot().spec.nodes).toHaveLength(1);
    store.edit(add);
    expect(calls[1].base).toBe(1);
    calls[1].resolve(2);
    await vi.waitFor(() => expect(store.getSnapshot()).toMatchObject({ status: "saved", error: null, revision: 2 }));
  });

  it("stops saving after a conflict but keeps editing locally", async () => {
    const { store, calls } = setup();
    store.edit(add);
    calls[0].reject({ conflict: true, message: "changed since revision 1" });
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe("conflict"));
    store.edit(add);
    store.retry();
    expect(calls).toHaveLength(1);
    expect(store.getSnapshot().spec.nodes).toHaveLength(2);
  });
});
