/** The node line protocol (DESIGN.md): `@t {json}` telemetry, `@e {json}` events, anything else a log. */
export type NodeLine =
  | { kind: "telemetry"; record: Record<string, unknown>; raw: string }
  | { kind: "event"; record: Record<string, unknown>; raw: string }
  | { kind: "log"; raw: string; malformed?: string };

export function parseNodeLine(line: string): NodeLine {
  const raw = line.replace(/\r$/, "");
  const match = /^@([te]) (.*)$/.exec(raw);
  if (!match) return { kind: "log", raw };
  try {
    const record = JSON.parse(match[2]) as unknown;
    if (typeof record !== "object" || record === null || Array.isArray(record)) throw new Error("not a JSON object");
    return { kind: match[1] === "t" ? "telemetry" : "event", record: record as Record<string, unknown>, raw };
  } catch (error) {
    return { kind: "log", raw, malformed: `@${match[1]} line is not a JSON object: ${(error as Error).message}` };
  }
}

/** Splits a byte stream into lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private readonly decoder = new TextDecoder();
  private tail = "";

  push(chunk: Uint8Array): string[] {
    const text = this.tail + this.decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    this.tail = lines.pop() ?? "";
    // A firmware that never prints a newline must not grow memory without bound.
    if (this.tail.length > 4096) {
      lines.push(this.tail);
      this.tail = "";
    }
    return lines;
  }
}
