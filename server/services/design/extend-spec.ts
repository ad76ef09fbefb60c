/**
 * Adds proposed nodes, rules and links to an existing design without touching what is there:
 * existing nodes, rules and links are kept as they are, new node ids never collide, and new nodes
 * are laid out in a row below the existing ones on the device map.
 */
import { emptySpec, type SpecNode, type SystemSpec } from "../../../contracts/spec/schema";

type Rule = SystemSpec["rules"][number];
type Link = SystemSpec["links"][number];

/** Node spacing on the device map (the map's node cards are about 200 px wide). */
const COLUMN = 240;
const ROW = 180;

/** `base`, or `base-2`, `base-3`... whichever is free; keeps the slug within 40 characters. */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 34)
      .replace(/-+$/, "") || "node";
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** Positions for `count` new nodes: one row below everything already on the map. */
export function newRowPositions(existing: readonly SpecNode[], count: number): Array<SpecNode["position"]> {
  const top = existing.length > 0 ? Math.max(...existing.map((n) => n.position.y)) + ROW : 0;
  const left = existing.length > 0 ? Math.min(...existing.map((n) => n.position.x)) : 0;
  return Array.from({ length: count }, (_, i) => ({ x: left + i * COLUMN, y: top }));
}

/** New non-gateway nodes report to the first gateway of the design, if there is one. */
export function gatewayLinks(all: readonly SpecNode[], added: readonly SpecNode[]): Link[] {
  const gateway = all.find((n) => n.role === "gateway");
  if (!gateway) return [];
  return added.filter((n) => n.role !== "gateway" && n.id !== gateway.id).map((n) => ({ from: n.id, to: gateway.id }));
}

export interface Extension {
  nodes: SpecNode[];
  rules: Rule[];
  links: Link[];
  /** Used only when there is no existing design. */
  name: string;
  description: string;
  network?: SystemSpec["network"];
}

export interface Extended {
  spec: SystemSpec;
  addedNodes: SpecNode[];
  rulesAdded: Rule[];
}

/**
 * The existing design plus the extension. Nodes are laid out anew below the existing ones; rules
 * and links already present are not repeated. Node ids must already be free (see uniqueNodeId).
 */
export function extendSpec(existing: SystemSpec | undefined, extension: Extension): Extended {
  const base = existing ?? { ...emptySpec(extension.name), description: extension.description };
  const ids = new Set(base.nodes.map((n) => n.id));
  const clash = extension.nodes.find((n) => ids.has(n.id));
  if (clash) throw new Error(`node id "${clash.id}" is already in the design`);
  const positions = newRowPositions(base.nodes, extension.nodes.length);
  const addedNodes = extension.nodes.map((node, i) => ({ ...node, position: positions[i]! }));
  const nodes = [...base.nodes, ...addedNodes];
  const ruleKey = (r: Rule) => `${r.when.trim().toLowerCase()}\u0000${r.then.trim().toLowerCase()}`;
  const knownRules = new Set(base.rules.map(ruleKey));
  const rulesAdded = extension.rules.filter((r) => {
    const key = ruleKey(r);
    if (knownRules.has(key)) return false;
    knownRules.add(key);
    return true;
  });
  const linkKey = (l: Link) => `${l.from}->${l.to}`;
  const knownLinks = new Set(base.links.map(linkKey));
  const nodeIds = new Set(nodes.map((n) => n.id));
  const links = [...extension.links, ...gatewayLinks(nodes, addedNodes)].filter((l) => {
    if (!nodeIds.has(l.from) || !nodeIds.has(l.to) || l.from === l.to || knownLinks.has(linkKey(l))) return false;
    knownLinks.add(linkKey(l));
    return true;
  });
  const network = existing ? base.network : (extension.network ?? base.network);
  return {
    spec: { ...base, network, nodes, links: [...base.links, ...links], rules: [...base.rules, ...rulesAdded] },
    addedNodes,
    rulesAdded,
  };
}
