// A line longer than this is passed on in pieces; high enough that terraform never cuts a value (and so a secret
// the redactor must see whole) in two.
const MAX_LINE = 256 * 1024;

/** Turns output chunks into whole lines, so each line is redacted with every secret in it complete. */
export class LineBuffer {
  private readonly decoder = new TextDecoder();
  private tail = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Uint8Array): void {
    const lines = (this.tail + this.decoder.decode(chunk, { stream: true })).split("\n");
    this.tail = lines.pop() ?? "";
    if (this.tail.length > MAX_LINE) {
      lines.push(this.tail);
      this.tail = "";
    }
    for (const line of lines) this.onLine(line);
  }

  /** The last line, when the output did not end with a newline. */
  flush(): void {
    const rest = this.tail + this.decoder.decode();
    this.tail = "";
    if (rest) this.onLine(rest);
  }
}
