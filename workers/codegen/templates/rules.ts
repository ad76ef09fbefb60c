/**
 * The small rule language a node can evaluate on its own:
 *   when: `<field> <op> <number>` or `<node>.<field> <op> <number>`, op one of > < >= <= == (= and != too),
 *         an optional unit after the number ("30 °C", "70%");
 *   then: clauses like "fan on", "turn the relay off", "open valve, led on", optionally `<node>.<actuator> on`.
 * Anything else (and/or, several nodes, averages...) is left to the aggregator.
 */
export type Comparison = ">" | "<" | ">=" | "<=" | "==" | "!=";

export interface Condition {
  /** Node id prefix (`greenhouse-1.temperature`), when the rule names one. */
  node?: string;
  field: string;
  op: Comparison;
  /** The number as written, e.g. "30.5". */
  number: string;
  value: number;
  /** Digits after the decimal point in the number as written. */
  decimals: number;
}

const CONDITION =
  /^\s*(?:([a-z0-9][a-z0-9-]*)\s*\.\s*)?([a-z][a-z0-9_]*)\s*(>=|<=|==|!=|=|>|<)\s*([-+]?\d+(?:\.\d+)?)\s*(?:[a-z%°µ/³]+)?\s*$/i;

/** Parses a `when` text in the simple form, or returns undefined. */
export function parseCondition(when: string): Condition | undefined {
  const m = CONDITION.exec(when);
  if (!m) return undefined;
  const [, node, field = "", rawOp = "", number = ""] = m;
  const op = (rawOp === "=" ? "==" : rawOp) as Comparison;
  const fraction = number.split(".")[1] ?? "";
  return {
    ...(node ? { node: node.toLowerCase() } : {}),
    field: field.toLowerCase(),
    op,
    number: number.replace(/^\+/, ""),
    value: Number(number),
    decimals: fraction.length,
  };
}

export type ActuatorState = "on" | "off" | "toggle";

export interface ActionClause {
  /** Node id prefix (`pump-2.pump on`), when the clause names one. */
  node?: string;
  /** Normalized words of the clause (lower case, `_` kept), to be matched against actuator ids and types. */
  words: string[];
  state: ActuatorState;
}

const STATE_WORDS: Readonly<Record<string, ActuatorState>> = {
  on: "on",
  start: "on",
  open: "on",
  enable: "on",
  activate: "on",
  high: "on",
  off: "off",
  stop: "off",
  close: "off",
  disable: "off",
  deactivate: "off",
  low: "off",
  toggle: "toggle",
};

/** Splits a `then` text into clauses that switch something on or off. Clauses without a state word are dropped. */
export function parseActions(then: string): ActionClause[] {
  const clauses: ActionClause[] = [];
  for (const clause of then.toLowerCase().split(/\s*(?:,|;|&&|\band\b|\bthen\b)\s*/)) {
    let node: string | undefined;
    const words: string[] = [];
    let state: ActuatorState | undefined;
    for (const token of clause.match(/[a-z0-9][a-z0-9_.-]*/g) ?? []) {
      const dotted = /^([a-z0-9][a-z0-9-]*)\.([a-z][a-z0-9_]*)$/.exec(token);
      if (dotted) {
        node = dotted[1];
        words.push(dotted[2] ?? "");
        continue;
      }
      const word = token.replace(/[.-]+$/, "");
      if (STATE_WORDS[word] && !state) state = STATE_WORDS[word];
      else words.push(word.replace(/-/g, "_"));
    }
    if (state) clauses.push({ ...(node ? { node } : {}), words, state });
  }
  return clauses;
}

/** C expression comparing `lhs` (a fixed-point value) with `rhs`. */
export function cComparison(lhs: string, op: Comparison, rhs: number): string {
  return `${lhs} ${op} ${rhs < 0 ? `(${rhs})` : rhs}`;
}
