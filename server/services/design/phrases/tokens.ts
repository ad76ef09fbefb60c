/**
 * Tokenizer for design descriptions: lower-case words (hyphens kept, so "esp32-s3" and "wi-fi" stay
 * one token), numbers (number words become digits), comparison symbols and units, grouped into
 * sentences. Every later step works on these tokens, never on raw text.
 */
export type TokenKind = "word" | "number" | "op" | "unit" | "comma";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Set for numbers, including number words ("three" -> 3). */
  value?: number;
  /** Index inside its sentence. */
  index: number;
}

export interface Sentence {
  tokens: Token[];
  /** The sentence as written, for reasons and warnings. */
  raw: string;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  dozen: 12,
  couple: 2,
  pair: 2,
  single: 1,
};

function numberWord(word: string): number | undefined {
  if (word in NUMBER_WORDS) return NUMBER_WORDS[word];
  // "twenty-four"
  const [tens, ones] = word.split("-");
  if (tens && ones && NUMBER_WORDS[tens]! >= 20 && NUMBER_WORDS[ones]! < 10)
    return NUMBER_WORDS[tens]! + NUMBER_WORDS[ones]!;
  return undefined;
}

const OP_SPELLINGS: Readonly<Record<string, string>> = { "=>": ">=", "=<": "<=", "≥": ">=", "≤": "<=" };

// Order matters: numbers before words (so "5s" is 5 + "s"), two-character operators before one.
const TOKEN =
  /((?<![a-z0-9])-?\d+(?:\.\d+)?)|(>=|<=|==|!=|=>|=<|≥|≤|>|<|=)|(°\s*[cf]?|℃|℉|%)|([a-zµ][a-z0-9µ]*(?:[-_/.][a-z0-9]+)*)|(,)|([.!?;:\n]+)/g;

/** Splits text into sentences of tokens; characters no token pattern knows are skipped. */
export function tokenize(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let tokens: Token[] = [];
  let start = 0;
  const lower = text.toLowerCase();
  const close = (end: number) => {
    if (tokens.length > 0) sentences.push({ tokens, raw: text.slice(start, end).trim() });
    tokens = [];
  };
  const push = (token: Omit<Token, "index">) => {
    if (tokens.length === 0) start = lastIndex;
    tokens.push({ ...token, index: tokens.length });
  };
  let lastIndex = 0;
  for (const m of lower.matchAll(TOKEN)) {
    lastIndex = m.index;
    const [whole, number, op, unit, word, comma] = m;
    if (number !== undefined) push({ kind: "number", text: number, value: Number(number) });
    else if (op !== undefined) push({ kind: "op", text: OP_SPELLINGS[op] ?? op });
    else if (unit !== undefined) push({ kind: "unit", text: normalizeDegree(unit) });
    else if (word !== undefined) pushWord(word, push);
    else if (comma !== undefined) push({ kind: "comma", text: "," });
    else close(m.index + whole.length);
  }
  close(text.length);
  return sentences;
}

function pushWord(word: string, push: (t: Omit<Token, "index">) => void) {
  // A trailing "." belongs to the sentence, not the word ("...on a Pico.").
  const clean = word.replace(/[./]+$/, "");
  const value = numberWord(clean);
  if (value !== undefined) push({ kind: "number", text: clean, value });
  else push({ kind: "word", text: clean });
}

function normalizeDegree(unit: string): string {
  const u = unit.replace(/\s+/g, "");
  if (u === "℃") return "°c";
  if (u === "℉") return "°f";
  return u === "°" ? "°c" : u;
}

const KEEP_S = new Set(["gas", "ms", "hz", "gps", "sos", "lux", "mbar", "hrs", "mins", "secs", "kudos"]);

/** "sensors" -> "sensor", "pills" -> "pill"; words that end in s by nature ("gas", "ms") stay. */
export function singular(word: string): string {
  if (/(ss|us|is)$/.test(word) || KEEP_S.has(word) || word.length <= 3) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/** True when the tokens from `at` spell `phrase` (each phrase word compared singular-insensitively). */
export function matchesAt(tokens: readonly Token[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((word, i) => {
    const token = tokens[at + i];
    return token !== undefined && (token.text === word || singular(token.text) === word);
  });
}
