/**
 * Checks on a proposal the user should hear about before building. Rules: which ones the nodes
 * will evaluate themselves. The template firmware runs a rule on a
 * node when its `when` is `[<node>.]<field> <op> <number> [unit]` and the node reports that field
 * (workers/codegen/templates/rules.ts); anything else is left to the aggregator. Claude's rules are
 * checked here so the user is told before building; rule-check.test.ts keeps this form in step
 * with the firmware's parser.
 */
import { getBoard } from "../../../boards";
import type { SpecNode, SystemSpec } from "../../../contracts/spec/schema";

const NODE_RULE =
  /^\s*(?:([a-z0-9][a-z0-9-]*)\s*\.\s*)?([a-z][a-z0-9_]*)\s*(>=|<=|==|!=|=|>|<)\s*[-+]?\d+(?:\.\d+)?\s*(?:[a-z%°µ/³]+)?\s*$/i;

/** The field (and node, if named) a rule compares, or undefined when nodes cannot evaluate it. */
export function nodeRuleTarget(when: string): { node?: string; field: string } | undefined {
  const m = NODE_RULE.exec(when);
  if (!m) return undefined;
  return { ...(m[1] ? { node: m[1].toLowerCase() } : {}), field: m[2]!.toLowerCase() };
}

export function ruleWarnings(spec: SystemSpec, rules: SystemSpec["rules"]): string[] {
  return rules.flatMap((rule) => {
    const target = nodeRuleTarget(rule.when);
    if (!target) {
      return [
        `The rule "${rule.when}" is not in the "<field> <op> <number>" form nodes evaluate: only the aggregator can run it.`,
      ];
    }
    const nodes = spec.nodes.filter(
      (n) => (!target.node || n.id === target.node) && n.telemetry.fields.includes(target.field),
    );
    if (nodes.length === 0) {
      return [
        `No node${target.node ? ` "${target.node}"` : ""} reports "${target.field}", so no node evaluates "${rule.when}".`,
      ];
    }
    return [];
  });
}

/** Nodes on Wi-Fi boards need the network's name before their firmware can be built. */
export function networkWarnings(spec: SystemSpec, added: readonly SpecNode[]): string[] {
  const online = added.filter((n) => getBoard(n.board)?.hasNetwork).map((n) => n.id);
  if (online.length === 0 || spec.network.wifi) return [];
  return [
    `Set the Wi-Fi network (network.wifi: ssid and passwordSecret) before building ${online.join(", ")}: ` +
      "their firmware joins Wi-Fi to reach the swarm server.",
  ];
}
