/**
 * Threshold rules: "alert above 30 °C", "when humidity drops below 40 %", "if temperature > 30 turn
 * on the fan", "when motion is detected turn on the LED". Each becomes the rule form the template
 * firmware evaluates on the node (`<field> <op> <number> [unit]` then `fan on, pump off` or `alert`).
 */
import {
  ACTION_ONLY_ACTUATORS,
  ACTUATOR_WORDS,
  HEAD_WORDS,
  QUANTITY_UNITS,
  SENSOR_WORDS,
  UNIT_QUANTITIES,
} from "./vocabulary";
import { matchesAt, singular, type Token } from "./tokens";

export type Comparison = ">" | "<" | ">=" | "<=" | "==";

export interface ActionDraft {
  actuator: string;
  state: "on" | "off";
}

export interface RuleDraft {
  /** The reading compared; undefined when the words did not say (the caller resolves it from the node). */
  quantity?: string;
  op: Comparison;
  value: number;
  actions: ActionDraft[];
  /** Token indices the rule took, so they are not read again as node attributes. */
  taken: Set<number>;
  /** Tokens naming the reading ("humidity"), left for the node it belongs to unless the caller takes them. */
  readingTokens: number[];
  words: string;
}

const COMPARATORS: Array<[string[], Comparison, string?]> = (
  [
    ["at least", ">="],
    ["at most", "<="],
    ["higher than", ">"],
    ["greater than", ">"],
    ["more than", ">"],
    ["hotter than", ">", "temperature"],
    ["warmer than", ">", "temperature"],
    ["less than", "<"],
    ["lower than", "<"],
    ["colder than", "<", "temperature"],
    ["cooler than", "<", "temperature"],
    ["above", ">"],
    ["over", ">"],
    ["exceeds", ">"],
    ["exceed", ">"],
    ["exceeding", ">"],
    ["reaches", ">="],
    ["reach", ">="],
    ["below", "<"],
    ["under", "<"],
    ["beneath", "<"],
    ["equals", "=="],
  ] as Array<[string, Comparison, string?]>
).map(([phrase, op, quantity]) => [phrase.split(" "), op, quantity]);

const OP_TOKENS: Readonly<Record<string, Comparison>> = {
  ">": ">",
  "<": "<",
  ">=": ">=",
  "<=": "<=",
  "==": "==",
  "=": "==",
};

/** Event phrases: a quantity word followed (within two words) by one of these means `quantity == value`. */
const EVENTS: Array<{ quantity: string; words: string[]; value: number }> = [
  { quantity: "motion", words: ["detected", "detects", "sensed", "seen"], value: 1 },
  { quantity: "door", words: ["opens", "opened", "open"], value: 1 },
  { quantity: "door", words: ["closes", "closed"], value: 0 },
  { quantity: "button", words: ["pressed", "pushed"], value: 1 },
];

const ON_VERBS = new Set([
  "start",
  "starts",
  "open",
  "opens",
  "activate",
  "activates",
  "enable",
  "run",
  "sound",
  "ring",
  "beep",
  "trigger",
  "triggers",
]);
const OFF_VERBS = new Set(["stop", "stops", "close", "closes", "disable", "deactivate", "shut", "kill"]);
const PARTICLE_VERBS = new Set(["turn", "turns", "switch", "switches", "power", "powers", "put", "set"]);
const ALERT_WORDS = new Set([
  "alert",
  "alerts",
  "alarm",
  "warn",
  "warning",
  "warns",
  "notify",
  "notifies",
  "notification",
  "email",
  "message",
  "page",
]);
const SKIP = new Set(["the", "a", "an", "all", "both", "its", "their", "on", "off", "up"]);

export function sensorWordAt(tokens: readonly Token[], at: number) {
  return SENSOR_WORDS.find((w) => matchesAt(tokens, at, w.phrase));
}

function actuatorAt(tokens: readonly Token[], at: number, inAction: boolean): string | undefined {
  const t = tokens[at];
  if (t?.kind !== "word") return undefined;
  const word = singular(t.text);
  return ACTUATOR_WORDS[word] ?? (inAction ? ACTION_ONLY_ACTUATORS[word] : undefined);
}

interface Condition {
  start: number;
  end: number;
  quantity?: string;
  op: Comparison;
  value: number;
}

function conditionAt(tokens: readonly Token[], i: number): Condition | undefined {
  for (const event of EVENTS) {
    const sensor = sensorWordAt(tokens, i);
    if (!sensor?.quantities.includes(event.quantity)) continue;
    for (let k = i + sensor.phrase.length; k <= i + sensor.phrase.length + 2 && k < tokens.length; k++) {
      if (event.words.includes(tokens[k]!.text))
        return { start: i, end: k + 1, quantity: event.quantity, op: "==", value: event.value };
    }
  }
  if (tokens[i]?.text === "detect" || tokens[i]?.text === "detects") {
    const sensor = sensorWordAt(tokens, i + 1);
    if (sensor?.quantities[0] === "motion")
      return { start: i, end: i + 1 + sensor.phrase.length, quantity: "motion", op: "==", value: 1 };
  }
  let op: Comparison | undefined;
  let length = 1;
  let implied: string | undefined;
  if (tokens[i]?.kind === "op") op = OP_TOKENS[tokens[i]!.text];
  else {
    const found = COMPARATORS.find(([phrase]) => matchesAt(tokens, i, phrase));
    if (found) [op, length, implied] = [found[1], found[0].length, found[2]];
  }
  if (!op) return undefined;
  let j = i + length;
  let sign = 1;
  if (tokens[j]?.text === "minus") {
    sign = -1;
    j++;
  }
  const number = tokens[j];
  if (number?.kind !== "number") return undefined;
  let value = sign * number.value!;
  let end = j + 1;
  let quantity = implied;
  const unit = tokens[end];
  if (unit && (unit.kind === "unit" || unit.text in UNIT_QUANTITIES)) {
    quantity ??= UNIT_QUANTITIES[unit.text];
    if (unit.text === "°f" || unit.text === "f" || unit.text === "fahrenheit")
      value = Math.round(((value - 32) * 50) / 9) / 10;
    end++;
    if (tokens[end]?.text === "celsius" || tokens[end]?.text === "fahrenheit") end++;
  }
  // "more than 5 sensors" counts nodes; it is no threshold.
  const after = tokens[end];
  if (after?.kind === "word" && singular(after.text) in HEAD_WORDS) return undefined;
  // The reading named just before the comparison: "humidity drops below", "temperature is above".
  const named = lastSensorWord(tokens, Math.max(0, i - 4), i);
  return { start: named?.at ?? i, end, quantity: named?.quantity ?? quantity, op, value };
}

function lastSensorWord(tokens: readonly Token[], from: number, to: number) {
  let found: { at: number; quantity: string } | undefined;
  for (let k = from; k < to; k++) {
    const word = sensorWordAt(tokens, k);
    if (word) found = { at: k, quantity: word.quantities[0]! };
  }
  return found;
}

/** Actuators the sentence switched last, for "turn it off". */
type Recent = { actuators: string[] };

function actionsIn(
  tokens: readonly Token[],
  from: number,
  to: number,
  taken: Set<number>,
  recent: Recent,
): ActionDraft[] {
  const actions: ActionDraft[] = [];
  for (let k = from; k < to; k++) {
    if (taken.has(k)) continue;
    const word = tokens[k]!.text;
    let state: "on" | "off" | undefined = ON_VERBS.has(word) ? "on" : OFF_VERBS.has(word) ? "off" : undefined;
    const particle = PARTICLE_VERBS.has(word);
    if (!state && !particle) continue;
    let j = k + 1;
    if (particle && (tokens[j]?.text === "on" || tokens[j]?.text === "off")) state = tokens[j++]!.text as "on" | "off";
    const found: string[] = [];
    while (j < to) {
      const text = tokens[j]!.text;
      const actuator = actuatorAt(tokens, j, true);
      if (actuator) found.push(actuator);
      else if ((text === "it" || text === "them") && found.length === 0) found.push(...recent.actuators);
      else if (!SKIP.has(text) && !(text === "and" && nextActuator(tokens, j + 1, to))) break;
      if (text === "on" || text === "off") state ??= text;
      j++;
    }
    if (!state || found.length === 0) continue;
    for (let t = k; t < j; t++) taken.add(t);
    for (const actuator of found) actions.push({ actuator, state });
    recent.actuators = found;
    k = j - 1;
  }
  return actions;
}

/** True when an actuator follows, past articles ("and the led"). */
function nextActuator(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    if (actuatorAt(tokens, j, true)) return true;
    if (!SKIP.has(tokens[j]!.text)) return false;
  }
  return false;
}

/** Every threshold rule in one sentence, each with the actions between it and its neighbours. */
export function findRules(tokens: readonly Token[]): RuleDraft[] {
  const conditions: Condition[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const c = conditionAt(tokens, i);
    if (c) {
      conditions.push(c);
      i = c.end - 1;
    }
  }
  const recent: Recent = { actuators: [] };
  const sentenceTaken = new Set<number>();
  return conditions.map((c, n) => {
    const taken = new Set<number>();
    const readingTokens: number[] = [];
    for (let k = c.start; k < c.end; k++) {
      if (tokens[k]!.kind === "word" && sensorWordAt(tokens, k)) readingTokens.push(k);
      else taken.add(k);
    }
    const before = n === 0 ? 0 : conditions[n - 1]!.end;
    const after = n + 1 < conditions.length ? conditions[n + 1]!.start : tokens.length;
    // Actions after the condition first ("if ... turn on the fan"), then those before it ("turn on the fan when ...").
    const blocked = new Set([...sentenceTaken, ...taken]);
    const actions = [
      ...actionsIn(tokens, c.end, after, blocked, recent),
      ...actionsIn(tokens, before, c.start, blocked, recent),
    ];
    for (const t of blocked) {
      taken.add(t);
      sentenceTaken.add(t);
    }
    for (let k = before; k < after; k++) if (ALERT_WORDS.has(tokens[k]!.text)) taken.add(k);
    const words = tokens
      .slice(Math.min(c.start, ...[...taken]), Math.max(c.end, ...[...taken].map((t) => t + 1)))
      .map((t) => t.text)
      .join(" ");
    return {
      ...(c.quantity ? { quantity: c.quantity } : {}),
      op: c.op,
      value: c.value,
      actions,
      taken,
      readingTokens,
      words,
    };
  });
}

/** The rule text the firmware generator parses: `temperature > 30 °C` then `fan on, pump off` (or `alert`). */
export function ruleText(quantity: string, draft: Pick<RuleDraft, "op" | "value" | "actions">) {
  const binary = ["motion", "door", "button"].includes(quantity);
  const unit = binary ? "" : QUANTITY_UNITS[quantity];
  const when = `${quantity} ${draft.op} ${draft.value}${unit && /^[a-z%°µ/³]+$/i.test(unit) ? ` ${unit}` : ""}`;
  const then = draft.actions.length > 0 ? draft.actions.map((a) => `${a.actuator} ${a.state}`).join(", ") : "alert";
  return { when, then };
}
