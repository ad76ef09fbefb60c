import type { DesignProposal } from "@/contracts/design";
import type { SpecNode, SystemSpec } from "@/contracts/spec/schema";
import { addLink, findFreeSpot, type Link } from "./spec-edits";

/*
 * A design.parse proposal while the user goes through it: which proposed nodes and rules still wait
 * for a decision, and the pure merge of what they accept into the current spec. The current spec is
 * always the base, never the proposal's copy of it, so edits made meanwhile are kept.
 */

export type Rule = SystemSpec["rules"][number];

export interface PendingProposal {
  proposal: DesignProposal;
  /** Proposed nodes not yet accepted or rejected, in proposal order. */
  nodeIds: readonly string[];
  /** Proposed rules not yet accepted or rejected. */
  rules: readonly Rule[];
}

export interface Merged {
  spec: SystemSpec;
  pending: PendingProposal;
}

export function startProposal(proposal: DesignProposal): PendingProposal {
  const inSpec = new Set(proposal.spec.nodes.map((node) => node.id));
  return {
    proposal,
    nodeIds: proposal.added.map((added) => added.nodeId).filter((id) => inSpec.has(id)),
    rules: proposal.rulesAdded,
  };
}

export function isSettled(pending: PendingProposal): boolean {
  return pending.nodeIds.length === 0 && pending.rules.length === 0;
}

/** The proposed nodes still waiting, as the proposal placed them. */
export function pendingNodes(pending: PendingProposal): SpecNode[] {
  const waiting = new Set(pending.nodeIds);
  return pending.proposal.spec.nodes.filter((node) => waiting.has(node.id));
}

/** Proposed links that touch a waiting node and whose other end is waiting or already on the map. */
export function pendingLinks(pending: PendingProposal, current: SystemSpec): Link[] {
  const waiting = new Set(pending.nodeIds);
  const onMap = new Set(current.nodes.map((node) => node.id));
  const present = (id: string) => waiting.has(id) || onMap.has(id);
  return pending.proposal.spec.links.filter(
    (link) => (waiting.has(link.from) || waiting.has(link.to)) && present(link.from) && present(link.to),
  );
}

/** Drops nodes from the proposal; their links go with them, since links are drawn only between present nodes. */
export function rejectNodes(pending: PendingProposal, ids: readonly string[]): PendingProposal {
  return { ...pending, nodeIds: pending.nodeIds.filter((id) => !ids.includes(id)) };
}

export function rejectRule(pending: PendingProposal, rule: Rule): PendingProposal {
  return { ...pending, rules: pending.rules.filter((r) => r !== rule) };
}

/**
 * Adds the accepted waiting nodes to the current spec with the proposal's links between them and
 * what is on the map. A node whose id was taken meanwhile gets a free one (its links follow), and
 * one that would land on a node added meanwhile moves to the nearest free spot. Network settings the
 * current spec lacks are taken from the proposal (a swarm proposed from nothing may name its Wi-Fi).
 */
export function acceptNodes(current: SystemSpec, pending: PendingProposal, ids: readonly string[]): Merged {
  const accepted = pendingNodes(pending).filter((node) => ids.includes(node.id));
  if (accepted.length === 0) return { spec: current, pending };
  const taken = new Set(current.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const nodes = [...current.nodes];
  for (const node of accepted) {
    const id = freeId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    // The proposal's own spot when it is still free, else the nearest free one.
    const position = findFreeSpot(
      node.position,
      nodes.map((n) => n.position),
    );
    nodes.push({ ...node, id, position });
  }
  const onMap = new Set(current.nodes.map((node) => node.id));
  const rename = (id: string) => renamed.get(id) ?? id;
  let spec: SystemSpec = { ...current, nodes, network: { ...pending.proposal.spec.network, ...current.network } };
  for (const link of pending.proposal.spec.links) {
    const from = rename(link.from);
    const to = rename(link.to);
    const touchesAccepted = renamed.has(link.from) || renamed.has(link.to);
    const bothPresent = [link.from, link.to].every(
      (id) => renamed.has(id) || (onMap.has(id) && !pending.nodeIds.includes(id)),
    );
    if (touchesAccepted && bothPresent) spec = addLink(spec, { from, to });
  }
  return { spec, pending: rejectNodes(pending, [...renamed.keys()]) };
}

/** Appends proposed rules the current spec does not already have. */
export function acceptRules(current: SystemSpec, pending: PendingProposal, rules: readonly Rule[]): Merged {
  const key = (rule: Rule) => `${rule.when.trim().toLowerCase()}\u0000${rule.then.trim().toLowerCase()}`;
  const known = new Set(current.rules.map(key));
  const adding = pending.rules.filter((rule) => rules.includes(rule) && !known.has(key(rule)));
  const remaining = pending.rules.filter((rule) => !rules.includes(rule));
  const spec = adding.length > 0 ? { ...current, rules: [...current.rules, ...adding] } : current;
  return { spec, pending: { ...pending, rules: remaining } };
}

/** Every waiting node and rule, in one change. */
export function acceptAll(current: SystemSpec, pending: PendingProposal): Merged {
  const withNodes = acceptNodes(current, pending, pending.nodeIds);
  return acceptRules(withNodes.spec, withNodes.pending, withNodes.pending.rules);
}

function freeId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  const base = id.slice(0, 36).replace(/-+$/, "");
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
