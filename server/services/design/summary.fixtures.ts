/** A proposal in a few lines per node, so the tests read like the table of phrasings. */
import type { DesignProposal } from "../../../contracts/design";

export interface Summary {
  /** `id role board [fields] {actuators} intervalMs` per node. */
  nodes: string[];
  /** `when => then` per rule added. */
  rules: string[];
  links: string[];
}

export function summarize(proposal: Pick<DesignProposal, "spec" | "rulesAdded">): Summary {
  return {
    nodes: proposal.spec.nodes.map(
      (n) =>
        `${n.id} ${n.role} ${n.board} [${n.telemetry.fields.join(",")}] {${n.actuators.map((a) => a.id).join(",")}} ${n.telemetry.intervalMs}`,
    ),
    rules: proposal.rulesAdded.map((r) => `${r.when} => ${r.then}`),
    links: proposal.spec.links.map((l) => `${l.from}->${l.to}`),
  };
}

export interface PhraseRow {
  text: string;
  expect: Summary;
}
