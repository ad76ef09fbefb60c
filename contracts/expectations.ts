/**
 * A node's `expect` items (contracts/spec/schema.ts `nodeSchema.expect`), parsed into checks over its console.
 * Words are case-insensitive; numbers may have decimals; every item may end in "within <n> ms|s|min", which only
 * looks at lines printed in that much firmware time since reset.
 *
 *   contains: boot ok              a console line contains the text (case-sensitive)
 *   boot ok                        the same: text that is none of the forms below
 *   /boot (ok|done)/i              a console line matches the regular expression (flags i, m, s, u)
 *   event boot   |   @e boot       an `@e` line with "event":"boot"
 *   @t temperature                 a telemetry line has the field temperature
 *   temperature between 15 and 35  every telemetry value of the field is in range, and there is at least one
 *   @t humidity > 40               comparisons: < <= > >= = != , "above", "below", "at least", "at most"
 *   at least 3 telemetry lines within 5 s
 *   at most 0 alert events         counts: "at least" | "at most" | "exactly" N, then "lines" (any), "telemetry
 *                                  lines", "log lines", "events", or "<name> events"
 *
 * Items that start like one of the forms (a "/", "@t", "@e", "event", "contains", "at least", a field followed by a
 * comparison word) but do not complete it are errors naming the item, so `spec.update` can refuse them.
 * Evaluation over a run's lines: contracts/expectations-evaluate.ts.
 */
export type Comparison =
  { op: "between"; low: number; high: number } | { op: "<" | "<=" | ">" | ">=" | "=" | "!="; value: number };

export type CountOf = { kind: "any" | "telemetry" | "event" | "log"; event?: string };

export type Check = { withinMs?: number } & (
  | { kind: "contains"; text: string }
  | { kind: "regex"; source: string; flags: string }
  | { kind: "event"; name: string }
  | { kind: "field"; field: string; comparison?: Comparison }
  | { kind: "count"; bound: "at least" | "at most" | "exactly"; count: number; of: CountOf }
);

export type ParsedExpectation = { ok: true; check: Check } | { ok: false; message: string };

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const FIELD = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, second: 1000, seconds: 1000, min: 60_000 };
const WITHIN = new RegExp(String.raw`\s+within\s+(\S+)\s*([a-z]+)?$`, "i");
const COMPARISON = new RegExp(
  String.raw`^(between)\s+(${NUMBER})\s+and\s+(${NUMBER})$|^(<=|>=|!=|==|=|<|>|above|below|at least|at most)\s*(${NUMBER})$`,
  "i",
);
const COMPARISON_START = /^(between|<|>|=|!=|above|below|at least|at most)(\s|\d|-|$)/i;
const OPS: Record<string, Extract<Comparison, { value: number }>["op"]> = {
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "=": "=",
  "==": "=",
  "!=": "!=",
  above: ">",
  below: "<",
  "at least": ">=",
  "at most": "<=",
};

const fail = (item: string, why: string): ParsedExpectation => ({
  ok: false,
  message: `expectation "${item}": ${why}`,
});

/** Parses one `expect` item; the error message names the item and says what form was expected. */
export function parseExpectation(text: string): ParsedExpectation {
  const item = text.trim();
  if (!item) return fail(text, "is empty");
  let body = item;
  let withinMs: number | undefined;
  const within = WITHIN.exec(item);
  if (within) {
    const amount = Number(within[1]);
    const unit = UNITS[(within[2] ?? "").toLowerCase()];
    if (!Number.isFinite(amount) || amount <= 0 || unit === undefined) {
      return fail(item, 'the time after "within" must be a positive number with ms, s or min, e.g. "within 5 s"');
    }
    withinMs = amount * unit;
    body = item.slice(0, within.index).trim();
  }
  const parsed = parseBody(item, body);
  if (!parsed.ok || withinMs === undefined) return parsed;
  return { ok: true, check: { ...parsed.check, withinMs } };
}

function parseBody(item: string, body: string): ParsedExpectation {
  const ok = (check: Check): ParsedExpectation => ({ ok: true, check });
  const contains = /^contains\s*:\s*(.*)$/i.exec(body);
  if (contains)
    return contains[1] ? ok({ kind: "contains", text: contains[1] }) : fail(item, 'nothing after "contains:"');
  if (body.startsWith("/")) return parseRegex(item, body);
  const event = /^(?:event|@e)(?:\s+(.*))?$/i.exec(body);
  if (event) {
    const name = event[1]?.trim() ?? "";
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) return fail(item, 'expected an event name, e.g. "event boot"');
    return ok({ kind: "event", name });
  }
  const count = /^(at least|at most|exactly)\s+(.*)$/i.exec(body);
  if (count) return parseCount(item, count[1].toLowerCase() as "at least", count[2]);
  const telemetry = /^@t(?:\s+(.*))?$/i.exec(body);
  if (telemetry) return parseField(item, telemetry[1]?.trim() ?? "", true);
  const field = new RegExp(`^(${FIELD})\\s*(.*)$`).exec(body);
  if (field && COMPARISON_START.test(field[2])) return parseField(item, body, false);
  return ok({ kind: "contains", text: body });
}

function parseRegex(item: string, body: string): ParsedExpectation {
  const match = /^\/(.+)\/([a-z]*)$/s.exec(body);
  if (!match) return fail(item, 'a regular expression is written /pattern/flags, e.g. "/boot ok/i"');
  const flags = match[2];
  if (!/^[imsu]*$/.test(flags)) return fail(item, `unknown regular expression flag in "${flags}" (use i, m, s, u)`);
  try {
    new RegExp(match[1], flags);
  } catch (error) {
    return fail(item, `not a valid regular expression: ${(error as Error).message}`);
  }
  return { ok: true, check: { kind: "regex", source: match[1], flags } };
}

function parseField(item: string, text: string, telemetryPrefix: boolean): ParsedExpectation {
  const match = new RegExp(`^(${FIELD})(?:\\s*(.*))?$`).exec(text);
  if (!match)
    return fail(item, 'expected a telemetry field name, e.g. "@t temperature" or "temperature between 15 and 35"');
  const rest = (match[2] ?? "").trim();
  if (!rest && telemetryPrefix) return { ok: true, check: { kind: "field", field: match[1] } };
  const comparison = COMPARISON.exec(rest);
  if (!comparison) {
    return fail(
      item,
      `expected a comparison after "${match[1]}": "between A and B", "< N", "<= N", "> N", ">= N", "= N", "!= N", "above N" or "below N"`,
    );
  }
  if (comparison[1]) {
    const low = Number(comparison[2]);
    const high = Number(comparison[3]);
    if (low > high) return fail(item, `the range is empty: ${low} is above ${high}`);
    return { ok: true, check: { kind: "field", field: match[1], comparison: { op: "between", low, high } } };
  }
  const op = OPS[comparison[4].toLowerCase()];
  return { ok: true, check: { kind: "field", field: match[1], comparison: { op, value: Number(comparison[5]) } } };
}

function parseCount(item: string, bound: "at least" | "at most" | "exactly", rest: string): ParsedExpectation {
  const match = /^(\d+)\s+(.+)$/.exec(rest.trim());
  const of = match ? countOf(match[2].trim()) : null;
  if (!match || !of) {
    return fail(
      item,
      `expected "${bound} N lines", "${bound} N telemetry lines", "${bound} N log lines", "${bound} N events" or "${bound} N <name> events"`,
    );
  }
  return { ok: true, check: { kind: "count", bound, count: Number(match[1]), of } };
}

function countOf(words: string): CountOf | null {
  const lower = words.toLowerCase();
  if (/^(console )?lines?$/.test(lower)) return { kind: "any" };
  if (/^(telemetry|@t) (lines?|records?)$|^telemetry$/.test(lower)) return { kind: "telemetry" };
  if (/^log (lines?|messages?)$|^logs?$/.test(lower)) return { kind: "log" };
  if (/^(event|@e) (lines?|records?)$|^events?$/.test(lower)) return { kind: "event" };
  const named = /^([A-Za-z0-9_.-]+) events?$/.exec(words);
  return named ? { kind: "event", event: named[1] } : null;
}
