import { LineSplitter, parseNodeLine } from "../../contracts/node-lines";
import { CONSOLE_TAIL_BYTES, type TimedLine } from "../../contracts/simulate";

/** A node's console: splits output into lines, stamps each with the firmware time, keeps the last 64 KiB. */
export class NodeConsole {
  private readonly splitter = new LineSplitter();
  private readonly decoder = new TextDecoder();
  private tail = "";
  private pending: string[] = [];
  lines = 0;

  /** `onLine` receives each line once `stamp` has given it its firmware time. */
  constructor(private readonly onLine?: (line: TimedLine) => void) {}

  push(chunk: Uint8Array): void {
    this.tail += this.decoder.decode(chunk, { stream: true });
    // Trim in large steps so a chatty node does not copy 64 KiB per chunk.
    if (this.tail.length > 2 * CONSOLE_TAIL_BYTES) this.tail = this.tail.slice(-CONSOLE_TAIL_BYTES);
    this.pending.push(...this.splitter.push(chunk));
  }

  /** Hands the lines received so far to onLine with this firmware time (when they were printed at the latest). */
  stamp(firmwareMs: number): void {
    const ready = this.pending;
    this.pending = [];
    for (const raw of ready) {
      this.lines++;
      this.onLine?.({ firmwareMs: Math.round(firmwareMs), line: parseNodeLine(raw) });
    }
  }

  /** At the end of the run: the unfinished last line too. */
  flush(firmwareMs: number): void {
    const rest = this.splitter.push(new TextEncoder().encode("\n")).filter((raw) => raw.length > 0);
    this.pending.push(...rest);
    this.stamp(firmwareMs);
  }

  text(): string {
    return this.tail.length > CONSOLE_TAIL_BYTES ? this.tail.slice(-CONSOLE_TAIL_BYTES) : this.tail;
  }
}
