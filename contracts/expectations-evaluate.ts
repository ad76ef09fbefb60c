/** Evaluates a node's parsed `expect` items over the lines of its run (see contracts/expectations.ts). */
import { type Check, type Comparison, type CountOf, parseExpectation } from "./expectations";
import type { CheckResult, TimedLine } from "./simulate";

const inWindow = (check: Check, lines: TimedLine[]) =>
  check.withinMs === undefined ? lines : lines.filter((l) => l.firmwareMs <= check.withinMs!);

const windowWords = (check: Check) =>
  check.withinMs === undefined ? "" : ` in the first ${formatMs(check.withinMs)} of firmware time`;

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

function holds(value: number, c: Comparison): boolean {
  switch (c.op) {
    case "between":
      return value >= c.low && value <= c.high;
    case "<":
      return value < c.value;
    case "<=":
      return value <= c.value;
    case ">":
      return value > c.value;
    case ">=":
      return value >= c.value;
    case "=":
      return value === c.value;
    case "!=":
      return value !== c.value;
  }
}

const describeComparison = (c: Comparison) =>
  c.op === "between" ? `between ${c.low} and ${c.high}` : `${c.op} ${c.value}`;

function counts(of: CountOf, line: TimedLine["line"]): boolean {
  if (of.kind === "any") return true;
  if (of.kind !== line.kind) return false;
  return of.event === undefined || (line.kind === "event" && line.record.event === of.event);
}

function describeCountOf(of: CountOf): string {
  if (of.event) return `${of.event} events`;
  return { any: "lines", telemetry: "telemetry lines", event: "events", log: "log lines" }[of.kind];
}

/** Evaluates one check; evidence is the deciding console line, or why no line decided it. */
export function evaluateCheck(item: string, check: Check, all: TimedLine[]): CheckResult {
  const lines = inWindow(check, all);
  const result = (passed: boolean, evidence: string): CheckResult => ({ item, passed, evidence });
  const where = windowWords(check);
  switch (check.kind) {
    case "contains": {
      const hit = lines.find((l) => l.line.raw.includes(check.text));
      return hit ? result(true, hit.line.raw) : result(false, `no console line contains "${check.text}"${where}`);
    }
    case "regex": {
      const pattern = new RegExp(check.source, check.flags);
      const hit = lines.find((l) => pattern.test(l.line.raw));
      return hit
        ? result(true, hit.line.raw)
        : result(false, `no console line matches /${check.source}/${check.flags}${where}`);
    }
    case "event": {
      const hit = lines.find((l) => l.line.kind === "event" && l.line.record.event === check.name);
      return hit ? result(true, hit.line.raw) : result(false, `no "${check.name}" event${where}`);
    }
    case "field":
      return evaluateField(item, check, lines, where);
    case "count": {
      const matching = lines.filter((l) => counts(check.of, l.line));
      const n = matching.length;
      const what = describeCountOf(check.of);
      const passed =
        check.bound === "at least"
          ? n >= check.count
          : check.bound === "at most"
            ? n <= check.count
            : n === check.count;
      if (passed && check.bound === "at least" && check.count > 0)
        return result(true, matching[check.count - 1]!.line.raw);
      const summary = `${n} ${what}${where}`;
      return result(passed, passed ? summary : `${summary} (expected ${check.bound} ${check.count})`);
    }
  }
}

function evaluateField(
  item: string,
  check: Extract<Check, { kind: "field" }>,
  lines: TimedLine[],
  where: string,
): CheckResult {
  const withField = lines.filter((l) => l.line.kind === "telemetry" && check.field in l.line.record);
  if (withField.length === 0) return { item, passed: false, evidence: `no telemetry line has ${check.field}${where}` };
  if (!check.comparison) return { item, passed: true, evidence: withField[0]!.line.raw };
  for (const l of withField) {
    const value = (l.line as { record: Record<string, unknown> }).record[check.field];
    if (typeof value !== "number" || !holds(value, check.comparison)) {
      const why =
        typeof value === "number" ? `${value} is not ${describeComparison(check.comparison)}` : "not a number";
      return { item, passed: false, evidence: `${check.field} ${why}: ${l.line.raw}` };
    }
  }
  return { item, passed: true, evidence: withField[withField.length - 1]!.line.raw };
}

/** Parses and evaluates every item; an item that does not parse fails with the parse message as its evidence. */
export function evaluateExpectations(items: readonly string[], lines: TimedLine[]): CheckResult[] {
  return items.map((item) => {
    const parsed = parseExpectation(item);
    return parsed.ok ? evaluateCheck(item, parsed.check, lines) : { item, passed: false, evidence: parsed.message };
  });
}
