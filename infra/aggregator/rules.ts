/**
 * The aggregator's alert rule language, for the spec's `rules[].when`:
 *   threshold  `[node.]field op number [unit] [on node]`, the same form the nodes evaluate themselves
 *              (parsed by workers/codegen/templates/rules.ts `parseCondition`, so both sides agree), with
 *              words allowed for the operator: "temperature above 30 on node-1", "humidity is below 20 %";
 *   rate       `[node.]field rises|falls|changes more than X [unit] per second|minute|hour [on node]`:
 *              the rise (or fall, or spread) of the field within the last period exceeds X;
 *   absence    `no data [from node] for N s|min|h`: a node (or any known node) sent nothing for that long.
 */
import { parseCondition, type Comparison } from "../../workers/codegen/templates/rules";

export type CompiledRule =
  | {
      kind: "threshold";
      key: string;
      when: string;
      then: string;
      node?: string;
      field: string;
      op: Comparison;
      value: number;
    }
  | {
      kind: "rate";
      key: string;
      when: string;
      then: string;
      node?: string;
      field: string;
      direction: "rises" | "falls" | "changes";
      amount: number;
      periodMs: number;
    }
  | { kind: "absence"; key: string; when: string; then: string; node?: string; afterMs: number };

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
};

const WORD_OPS: [RegExp, string][] = [
  [/\s+(?:is\s+)?(?:at least|no less than)\s+/, " >= "],
  [/\s+(?:is\s+)?(?:at most|no more than)\s+/, " <= "],
  [/\s+(?:is\s+)?(?:above|over|greater than|more than|higher than|exceeds)\s+/, " > "],
  [/\s+(?:is\s+)?(?:below|under|less than|lower than)\s+/, " < "],
  [/\s+(?:is\s+)?(?:equals?|equal to)\s+/, " == "],
  [/\s+is\s+(?=[-+]?\d)/, " == "],
];

const NODE = "([a-z0-9][a-z0-9-]*)";
const ON_NODE = new RegExp(`^(.*?)\\s+(?:on|at|from|for)\\s+(?:node\\s+)?${NODE}\\s*$`);
const ABSENCE = new RegExp(
  `^no\\s+(?:data|telemetry|messages?|reports?)(?:\\s+from\\s+(?:node\\s+)?${NODE})?\\s+(?:for|in)\\s+(?:more than\\s+)?(\\d+(?:\\.\\d+)?)\\s*([a-z]+)$`,
);
const RATE = new RegExp(
  `^(?:${NODE}\\s*\\.\\s*)?([a-z][a-z0-9_]*)\\s+(rises|increases|climbs|falls|drops|decreases|changes)\\s+(?:by\\s+)?more than\\s+(\\d+(?:\\.\\d+)?)\\s*(?:[a-z%°µ/³]+\\s+)?(?:per|a|an|in a|within a|within an|in an)\\s+(second|minute|hour|s|sec|min|h)$`,
);

const DIRECTION: Readonly<Record<string, "rises" | "falls" | "changes">> = {
  rises: "rises",
  increases: "rises",
  climbs: "rises",
  falls: "falls",
  drops: "falls",
  decreases: "falls",
  changes: "changes",
};

/** Compiles one rule, or explains why it cannot be evaluated. */
export function compileRule(rule: { when: string; then: string }): CompiledRule | { error: string } {
  const when = rule.when.trim().replace(/\s+/g, " ");
  const text = when.toLowerCase();
  const key = text;
  const base = { key, when, then: rule.then.trim() };

  const absence = ABSENCE.exec(text);
  if (absence) {
    const unitMs = UNIT_MS[absence[3] ?? ""];
    if (!unitMs) return { error: `"${when}": unknown time unit "${absence[3]}" (use s, min or h)` };
    const afterMs = Number(absence[2]) * unitMs;
    if (afterMs < 1000) return { error: `"${when}": an absence of less than 1 s cannot be told from jitter` };
    return { kind: "absence", ...base, ...(absence[1] ? { node: absence[1] } : {}), afterMs };
  }

  const onNode = ON_NODE.exec(text);
  const core = onNode ? (onNode[1] ?? "") : text;
  const suffixNode = onNode?.[2];

  const rate = RATE.exec(core);
  if (rate) {
    const node = rate[1] ?? suffixNode;
    return {
      kind: "rate",
      ...base,
      ...(node ? { node } : {}),
      field: rate[2] ?? "",
      direction: DIRECTION[rate[3] ?? ""] ?? "changes",
      amount: Number(rate[4]),
      periodMs: UNIT_MS[rate[5] ?? ""] ?? 60_000,
    };
  }

  let symbolic = ` ${core} `;
  for (const [pattern, op] of WORD_OPS) symbolic = symbolic.replace(pattern, op);
  const condition = parseCondition(symbolic.trim());
  if (condition) {
    const node = condition.node ?? suffixNode;
    return {
      kind: "threshold",
      ...base,
      ...(node ? { node } : {}),
      field: condition.field,
      op: condition.op,
      value: condition.value,
    };
  }
  return {
    error:
      `"${when}" is not a rule the aggregator understands: use "<field> > <number> [on <node>]", ` +
      `"<field> rises more than <number> per minute" or "no data from <node> for <N> s"`,
  };
}

export function compare(value: number, op: Comparison, limit: number): boolean {
  switch (op) {
    case ">":
      return value > limit;
    case "<":
      return value < limit;
    case ">=":
      return value >= limit;
    case "<=":
      return value <= limit;
    case "==":
      return value === limit;
    case "!=":
      return value !== limit;
  }
}
