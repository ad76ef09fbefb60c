/**
 * One clause ("three greenhouse sensors", "a fan controller on an Uno", "humidity") read into what it
 * says about a node group: the head noun and its count, the board named, sensors, actuators, needs,
 * and the words that describe it ("greenhouse").
 */
import type { BoardNeeds } from "../board-choice";
import { boardMentionAt, type BoardMention } from "./board-names";
import { sensorWordAt } from "./thresholds";
import { singular, type Token } from "./tokens";
import { ACTUATOR_WORDS, CONTEXT_QUANTITIES, FILLER_WORDS, HEAD_WORDS, type HeadRole } from "./vocabulary";

export interface SensorPick {
  quantities: string[];
  model?: string;
}

export interface ClauseInfo {
  start: number;
  end: number;
  head?: { role: HeadRole; word: string; at: number };
  count?: number;
  /** "each node", "all sensors": the clause speaks about every group, not a new one. */
  everyGroup: boolean;
  /** "the gateway": a group already mentioned. */
  definite: boolean;
  board?: BoardMention & { at: number };
  /** The board itself is the node's noun ("three Arduino Unos"), not where something sits. */
  boardIsNode: boolean;
  sensors: SensorPick[];
  actuators: Array<{ type: string; count: number }>;
  needs: BoardNeeds;
  contextQuantities: string[];
  descriptor: string[];
  /** "with": the clauses after it in the sentence describe the same node. */
  opensWith: boolean;
  words: string;
}

const NETWORK_WORDS = new Set([
  "wifi",
  "wi-fi",
  "wireless",
  "mqtt",
  "internet",
  "cloud",
  "network",
  "networked",
  "online",
]);
const LOW_POWER_WORDS = new Set([
  "powered",
  "operated",
  "battery",
  "batteries",
  "battery-powered",
  "battery-operated",
  "solar",
  "solar-powered",
  "low-power",
  "ultra-low-power",
  "coin-cell",
]);
const PIN_WORDS = new Set(["pin", "pins", "gpio", "gpios", "i/o", "io"]);
const MANY_WORDS = new Set(["many", "lots", "lot", "plenty"]);
const SIZE_UNITS: Readonly<Record<string, number>> = {
  kb: 1024,
  kib: 1024,
  k: 1024,
  mb: 1024 * 1024,
  mib: 1024 * 1024,
};
const ARTICLES = new Set(["a", "an", "single", "another"]);
const EVERY = new Set(["each", "every", "all", "both"]);

export function isNeedWord(text: string): boolean {
  return NETWORK_WORDS.has(text) || LOW_POWER_WORDS.has(text) || text === "low" || text === "power";
}

export function readClause(
  tokens: readonly Token[],
  start: number,
  end: number,
  taken: ReadonlySet<number>,
): ClauseInfo {
  const info: ClauseInfo = {
    start,
    end,
    everyGroup: false,
    definite: false,
    boardIsNode: false,
    sensors: [],
    actuators: [],
    needs: {},
    contextQuantities: [],
    descriptor: [],
    opensWith: false,
    words: tokens
      .slice(start, end)
      .filter((_, i) => !taken.has(start + i))
      .map((t) => t.text)
      .join(" "),
  };
  const boardWords = new Set<number>();
  let countedPlace: ClauseInfo["head"];
  for (let k = start; k < end; k++) {
    if (taken.has(k)) continue;
    const token = tokens[k]!;
    const word = singular(token.text);
    const board = boardMentionAt(tokens, k);
    if (board && !info.board) {
      info.board = { ...board, at: k };
      for (let b = k; b < k + board.length; b++) boardWords.add(b);
      k += board.length - 1;
      continue;
    }
    const sensor = sensorWordAt(tokens, k);
    if (sensor) {
      if (!info.sensors.some((s) => s.quantities.join() === sensor.quantities.join() && s.model === sensor.model)) {
        info.sensors.push({ quantities: sensor.quantities, ...(sensor.model ? { model: sensor.model } : {}) });
      }
      k += sensor.phrase.length - 1;
      continue;
    }
    const actuator = ACTUATOR_WORDS[word];
    if (actuator && !info.actuators.some((a) => a.type === actuator)) {
      const counted = countBefore(tokens, start, k, taken);
      info.actuators.push({ type: actuator, count: counted?.kind === "number" ? counted.value : 1 });
    }
    if (HEAD_WORDS[word] && !info.head) info.head = { role: HEAD_WORDS[word]!, word, at: k };
    if (CONTEXT_QUANTITIES[word]) {
      info.contextQuantities.push(...CONTEXT_QUANTITIES[word]!);
      const counted = countBefore(tokens, start, k, taken);
      if (counted?.kind === "number" && counted.value > 1) countedPlace ??= { role: "sensor", word, at: k };
    }
    if (word === "with" || word === "having") info.opensWith = true;
    readNeeds(tokens, k, info.needs);
  }
  // "Monitor 3 freezers", "two greenhouses": a counted place is a node per place, unless a counted noun names the nodes.
  if (countedPlace && !(info.head && countBefore(tokens, start, info.head.at, taken))) info.head = countedPlace;
  // Without a head noun, a counted board is the node ("three Arduino Unos"), unless it says where
  // something else sits ("a valve on an Uno").
  const placement = info.board !== undefined && isPlacement(tokens, info.board.at);
  const headAt =
    info.head?.at ??
    (info.board && !placement && countBefore(tokens, start, info.board.at, taken) ? info.board.at : undefined);
  info.boardIsNode = info.head === undefined && headAt !== undefined;
  if (headAt !== undefined) {
    const counted = countBefore(tokens, start, headAt, taken);
    if (counted?.kind === "every") info.everyGroup = true;
    else if (counted?.kind === "the") info.definite = true;
    else if (counted) info.count = counted.value;
    info.descriptor = descriptorBefore(tokens, start, headAt, taken, boardWords);
  } else {
    // "a fan", "two pumps": a count right before an actuator or sensor word.
    const first = tokens
      .slice(start, end)
      .findIndex(
        (t, i) => !taken.has(start + i) && (ACTUATOR_WORDS[singular(t.text)] || sensorWordAt(tokens, start + i)),
      );
    if (first >= 0) {
      const counted = countBefore(tokens, start, start + first, taken);
      if (counted?.kind === "number") info.count = counted.value;
    }
  }
  return info;
}

/** "on an Uno", "using a Pico", "with the ESP32": the board says where something sits. */
function isPlacement(tokens: readonly Token[], at: number): boolean {
  let k = at - 1;
  if (["a", "an", "the"].includes(tokens[k]?.text ?? "")) k--;
  return ["on", "using", "with", "onto"].includes(tokens[k]?.text ?? "");
}

type Counted = { kind: "number"; value: number } | { kind: "every" } | { kind: "the" };

/** The count word governing the noun at `at`: the nearest number, article, "each/all" or "the" before it. */
function countBefore(
  tokens: readonly Token[],
  start: number,
  at: number,
  taken: ReadonlySet<number>,
): Counted | undefined {
  for (let k = at - 1; k >= start && k >= at - 5; k--) {
    if (taken.has(k)) continue;
    const t = tokens[k]!;
    if (t.kind === "number") return { kind: "number", value: t.value! };
    if (ARTICLES.has(t.text)) return { kind: "number", value: 1 };
    if (EVERY.has(t.text)) return { kind: "every" };
    if (t.text === "the") return { kind: "the" };
    // "a couple of CO2 sensors": "of" passes; "a valve on an Uno": "on" ends the count's reach.
    if (t.kind !== "word" || ["with", "on", "and", "for", "in", "using"].includes(t.text)) return undefined;
  }
  return undefined;
}

function descriptorBefore(
  tokens: readonly Token[],
  start: number,
  at: number,
  taken: ReadonlySet<number>,
  boardWords: ReadonlySet<number>,
): string[] {
  const words: string[] = [];
  for (let k = at - 1; k >= start && words.length < 3; k--) {
    const t = tokens[k]!;
    if (taken.has(k) || boardWords.has(k)) continue;
    if (t.kind !== "word" || FILLER_WORDS.has(t.text) || ARTICLES.has(t.text) || isNeedWord(t.text)) break;
    words.unshift(t.text);
  }
  return words;
}

function readNeeds(tokens: readonly Token[], k: number, needs: BoardNeeds) {
  const text = tokens[k]!.text;
  if (NETWORK_WORDS.has(text)) needs.network ??= `the words "${text}" ask for`;
  if (
    (LOW_POWER_WORDS.has(text) && text !== "powered" && text !== "operated") ||
    (text === "low" && tokens[k + 1]?.text === "power")
  ) {
    needs.lowPower ??= `a ${text === "low" ? "low-power" : text.replace(/-.*/, "")} node needs`;
  }
  if (MANY_WORDS.has(text) && tokens.slice(k + 1, k + 4).some((t) => PIN_WORDS.has(t.text)))
    needs.manyPins ??= `the words "${text} pins" ask for`;
  const unit = tokens[k + 1] ? SIZE_UNITS[tokens[k + 1]!.text] : undefined;
  if (tokens[k]!.kind === "number" && unit && tokens.slice(k + 2, k + 4).some((t) => t.text === "flash")) {
    needs.minFlash ??= {
      bytes: tokens[k]!.value! * unit,
      why: `the words "${text} ${tokens[k + 1]!.text} flash" ask for`,
    };
  }
  if ((text === "large" || text === "big") && ["firmware", "program", "code"].includes(tokens[k + 1]?.text ?? "")) {
    needs.minFlash ??= { bytes: 512 * 1024, why: `the words "${text} ${tokens[k + 1]!.text}" ask for` };
  }
}
