/**
 * Reporting intervals: "every 5 seconds", "every minute", "each 500 ms", "every half hour",
 * "once a minute", "twice a second", "3 times per minute", "a 10 s interval", "at 2 Hz".
 */
import { singular, type Token } from "./tokens";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  millisecond: 1,
  msec: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  secs: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  day: 86_400_000,
};

export interface IntervalMatch {
  ms: number;
  /** Token indices the phrase takes. */
  start: number;
  end: number;
  words: string;
}

const unitAt = (tokens: readonly Token[], i: number): number | undefined => {
  const t = tokens[i];
  return t?.kind === "word" ? (UNIT_MS[t.text] ?? UNIT_MS[singular(t.text)]) : undefined;
};
const numberAt = (tokens: readonly Token[], i: number) => (tokens[i]?.kind === "number" ? tokens[i].value : undefined);
const isWord = (tokens: readonly Token[], i: number, ...words: string[]) =>
  tokens[i]?.kind === "word" && words.includes(tokens[i].text);

/** The first interval phrase at or after `from`, scanning the sentence. */
export function findInterval(tokens: readonly Token[], from = 0): IntervalMatch | undefined {
  for (let i = from; i < tokens.length; i++) {
    const found = intervalAt(tokens, i);
    if (found) {
      const words = tokens
        .slice(found.start, found.end)
        .map((t) => t.text)
        .join(" ");
      return { ...found, words };
    }
  }
  return undefined;
}

function intervalAt(tokens: readonly Token[], i: number): Omit<IntervalMatch, "words"> | undefined {
  // every|each [N | half [a|an] | a | an] unit
  if (isWord(tokens, i, "every", "each")) {
    let j = i + 1;
    let factor = 1;
    if (numberAt(tokens, j) !== undefined) factor = numberAt(tokens, j++)!;
    else if (isWord(tokens, j, "half")) {
      factor = 0.5;
      j++;
      if (isWord(tokens, j, "a", "an")) j++;
    } else if (isWord(tokens, j, "a", "an")) j++;
    const unit = unitAt(tokens, j);
    if (unit !== undefined) return { ms: factor * unit, start: i, end: j + 1 };
  }
  // once|twice|N times (a|an|per|every) unit
  const times = isWord(tokens, i, "once") ? 1 : isWord(tokens, i, "twice") ? 2 : undefined;
  const counted = numberAt(tokens, i) !== undefined && isWord(tokens, i + 1, "time", "times");
  if (times !== undefined || counted) {
    const j = times !== undefined ? i + 1 : i + 2;
    const n = times ?? numberAt(tokens, i)!;
    if (isWord(tokens, j, "a", "an", "per", "every", "each") && unitAt(tokens, j + 1) !== undefined && n > 0) {
      return { ms: unitAt(tokens, j + 1)! / n, start: i, end: j + 2 };
    }
  }
  // N unit interval | interval of N unit
  if (numberAt(tokens, i) !== undefined && unitAt(tokens, i + 1) !== undefined && isWord(tokens, i + 2, "interval")) {
    return { ms: numberAt(tokens, i)! * unitAt(tokens, i + 1)!, start: i, end: i + 3 };
  }
  if (isWord(tokens, i, "interval") && isWord(tokens, i + 1, "of") && numberAt(tokens, i + 2) !== undefined) {
    const unit = unitAt(tokens, i + 3);
    if (unit !== undefined) return { ms: numberAt(tokens, i + 2)! * unit, start: i, end: i + 4 };
  }
  // (at) N Hz
  if (numberAt(tokens, i) && isWord(tokens, i + 1, "hz")) {
    return { ms: 1000 / numberAt(tokens, i)!, start: isWord(tokens, i - 1, "at") ? i - 1 : i, end: i + 2 };
  }
  return undefined;
}
