import type { SpecNode, SystemSpec } from "@/contracts/spec/schema";

/* Pure edits of a SystemSpec: each returns a new spec and keeps links consistent with node ids. */

export type XY = { x: number; y: number };
export type Link = SystemSpec["links"][number];
export type NodePatch = Partial<Omit<SpecNode, "id">>;

export const DEFAULT_BOARD = "lm3s6965evb";
/** Rough size of a node card on the map, used to keep new nodes from landing on others. */
export const NODE_SIZE = { width: 224, height: 92 };

export function nextNodeNumber(spec: SystemSpec): number {
  const ids = new Set(spec.nodes.map((node) => node.id));
  let n = spec.nodes.length + 1;
  while (ids.has(`node-${n}`)) n += 1;
  return n;
}

export function addNode(spec: SystemSpec, position: XY): { spec: SystemSpec; id: string } {
  const n = nextNodeNumber(spec);
  const node: SpecNode = {
    id: `node-${n}`,
    name: `Node ${n}`,
    board: DEFAULT_BOARD,
    role: "sensor",
    behavior: "",
    sensors: [],
    actuators: [],
    telemetry: { intervalMs: 5000, fields: [] },
    expect: [],
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { spec: { ...spec, nodes: [...spec.nodes, node] }, id: node.id };
}

export function updateNode(spec: SystemSpec, id: string, patch: NodePatch): SystemSpec {
  return { ...spec, nodes: spec.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)) };
}

/** Gives a node a new id and moves its links along with it. */
export function renameNodeId(spec: SystemSpec, from: string, to: string): SystemSpec {
  if (from === to) return spec;
  const swap = (id: string) => (id === from ? to : id);
  return {
    ...spec,
    nodes: spec.nodes.map((node) => (node.id === from ? { ...node, id: to } : node)),
    links: spec.links.map((link) => ({ from: swap(link.from), to: swap(link.to) })),
  };
}

/** Removes nodes and every link that touches them. */
export function removeNodes(spec: SystemSpec, ids: string[]): SystemSpec {
  if (ids.length === 0) return spec;
  const gone = new Set(ids);
  return {
    ...spec,
    nodes: spec.nodes.filter((node) => !gone.has(node.id)),
    links: spec.links.filter((link) => !gone.has(link.from) && !gone.has(link.to)),
  };
}

export function moveNodes(spec: SystemSpec, positions: Record<string, XY>): SystemSpec {
  const moved = spec.nodes.map((node) => {
    const to = positions[node.id];
    if (!to || (to.x === node.position.x && to.y === node.position.y)) return node;
    return { ...node, position: { x: Math.round(to.x), y: Math.round(to.y) } };
  });
  return moved.every((node, index) => node === spec.nodes[index]) ? spec : { ...spec, nodes: moved };
}

export const linkKey = (link: Link) => `${link.from}->${link.to}`;

/** Adds a link unless it would loop on one node or already exists. */
export function addLink(spec: SystemSpec, link: Link): SystemSpec {
  if (link.from === link.to || spec.links.some((l) => linkKey(l) === linkKey(link))) return spec;
  return { ...spec, links: [...spec.links, link] };
}

export function removeLinks(spec: SystemSpec, links: Link[]): SystemSpec {
  if (links.length === 0) return spec;
  const gone = new Set(links.map(linkKey));
  return { ...spec, links: spec.links.filter((link) => !gone.has(linkKey(link))) };
}

/** The free slot nearest to `center` (top-left corner of a node), searching outwards ring by ring. */
export function findFreeSpot(center: XY, taken: XY[]): XY {
  const stepX = NODE_SIZE.width + 32;
  const stepY = NODE_SIZE.height + 32;
  const free = (p: XY) =>
    taken.every((t) => Math.abs(t.x - p.x) >= NODE_SIZE.width + 16 || Math.abs(t.y - p.y) >= NODE_SIZE.height + 16);
  for (let ring = 0; ring < 8; ring += 1) {
    const candidates: XY[] = [];
    for (let dx = -ring; dx <= ring; dx += 1) {
      for (let dy = -ring; dy <= ring; dy += 1) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring)
          candidates.push({ x: center.x + dx * stepX, y: center.y + dy * stepY });
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - center.x, a.y - center.y) - Math.hypot(b.x - center.x, b.y - center.y));
    const spot = candidates.find(free);
    if (spot) return spot;
  }
  return { x: center.x + taken.length * 24, y: center.y + taken.length * 24 };
}
