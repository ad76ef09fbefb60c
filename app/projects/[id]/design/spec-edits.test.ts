import { describe, expect, it } from "vitest";
import { emptySpec } from "@/contracts/spec/schema";
import { safeParseSpec } from "@/contracts/spec/validate";
import { addLink, addNode, findFreeSpot, NODE_SIZE, removeLinks, removeNodes, renameNodeId } from "./spec-edits";

function threeNodes() {
  let spec = emptySpec("Swarm");
  for (let i = 0; i < 3; i += 1) spec = addNode(spec, { x: i * 300, y: 0 }).spec;
  spec = addLink(spec, { from: "node-1", to: "node-2" });
  return addLink(spec, { from: "node-3", to: "node-2" });
}

describe("spec edits", () => {
  it("adds nodes with unique slug ids that the server accepts", () => {
    const spec = threeNodes();
    expect(spec.nodes.map((n) => n.id)).toEqual(["node-1", "node-2", "node-3"]);
    expect(spec.nodes[0]).toMatchObject({
      role: "sensor",
      board: "lm3s6965evb",
      telemetry: { intervalMs: 5000, fields: [] },
    });
    expect(safeParseSpec(spec).success).toBe(true);
    const again = addNode(removeNodes(spec, ["node-1"]), { x: 0, y: 0 });
    expect(again.id).toBe("node-4");
  });

  it("moves links along when a node id changes", () => {
    const spec = renameNodeId(threeNodes(), "node-2", "gateway");
    expect(spec.links).toEqual([
      { from: "node-1", to: "gateway" },
      { from: "node-3", to: "gateway" },
    ]);
    expect(safeParseSpec(spec).success).toBe(true);
  });

  it("removes a node's links with it, and single links on their own", () => {
    expect(removeNodes(threeNodes(), ["node-2"]).links).toEqual([]);
    expect(removeLinks(threeNodes(), [{ from: "node-1", to: "node-2" }]).links).toEqual([
      { from: "node-3", to: "node-2" },
    ]);
  });

  it("refuses duplicate links and links from a node to itself", () => {
    const spec = threeNodes();
    expect(addLink(spec, { from: "node-1", to: "node-2" })).toBe(spec);
    expect(addLink(spec, { from: "node-1", to: "node-1" })).toBe(spec);
  });

  it("finds a spot that does not overlap existing nodes", () => {
    const taken = [{ x: 0, y: 0 }];
    const spot = findFreeSpot({ x: 10, y: 10 }, taken);
    const overlaps = Math.abs(spot.x) < NODE_SIZE.width && Math.abs(spot.y) < NODE_SIZE.height;
    expect(overlaps).toBe(false);
    expect(findFreeSpot({ x: 500, y: 500 }, taken)).toEqual({ x: 500, y: 500 });
  });
});
