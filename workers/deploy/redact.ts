export const REDACTED = "••••";

// Shorter values would blank out ordinary words in terraform's output; real credentials are far longer.
const MIN_SECRET_LENGTH = 4;

/** Every string (and number) inside a value: a sensitive map variable holds one secret per entry. */
function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "bigint") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

/**
 * Replaces each secret in text, raw and in the escaped forms terraform prints (JSON/HCL strings escape quotes,
 * backslashes and newlines), longest first so a secret containing another is replaced whole.
 */
export function createRedactor(secretValues: unknown[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secretValues.flatMap(leaves)) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    // A multi-line secret is printed one line at a time (heredocs, logs): each long enough line is a secret too.
    for (const line of secret.split("\n")) if (line.length >= MIN_SECRET_LENGTH * 2) forms.add(line);
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => ordered.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)])) as T;
  }
  return value;
}
