import net from "node:net";

/**
 * A minimal QMP client (QEMU Machine Protocol: one JSON object per line) over the unix socket QEMU creates in the
 * sandbox's work directory. Used to start the paused machine, read its virtual clock and its CPU state.
 */
export class QmpClient {
  private buffer = "";
  private pending: Array<{ resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.receive(chunk));
    socket.on("close", () => this.fail(new Error("QMP connection closed")));
    socket.on("error", (error) => this.fail(error));
  }

  /** Connects, retrying while QEMU has not created the socket yet, and negotiates capabilities. */
  static async connect(socketPath: string, timeoutMs: number, signal?: AbortSignal): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      signal?.throwIfAborted();
      try {
        const socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.createConnection(socketPath, () => resolve(s));
          s.once("error", reject);
        });
        const client = new QmpClient(socket);
        await client.next(); // the greeting
        await client.execute("qmp_capabilities");
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`QEMU's monitor did not answer: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (!line) continue;
      const message = JSON.parse(line) as { event?: string; error?: { desc: string } };
      // Asynchronous events (STOP, SHUTDOWN, ...) are not answers to a command.
      if (message.event) continue;
      const waiter = this.pending.shift();
      if (!waiter) continue;
      if (message.error) waiter.reject(new Error(`QMP: ${message.error.desc}`));
      else waiter.resolve((message as { return?: unknown; QMP?: unknown }).return ?? message);
    }
  }

  private fail(error: Error): void {
    this.closed = true;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }

  private next(): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("QMP connection closed"));
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    const answer = this.next();
    this.socket.write(`${JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}) })}\n`);
    return answer;
  }

  /** An HMP command through QMP; returns its text. */
  async human(commandLine: string): Promise<string> {
    const text = await this.execute("human-monitor-command", { "command-line": commandLine });
    return typeof text === "string" ? text : "";
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/**
 * Firmware (virtual) time in ms from `info jit`, which QEMU prints in icount mode as "Host - Guest clock N ms":
 * the guest clock is the host run time minus that drift. Null outside icount mode (no such line).
 */
export function guestClockMs(infoJit: string, hostRunMs: number): number | null {
  const match = /Host - Guest clock\s+(-?\d+) ms/.exec(infoJit);
  return match ? hostRunMs - Number(match[1]) : null;
}

/** Cortex-M exception numbers of the fault handlers (IPSR): HardFault, MemManage, BusFault, UsageFault. */
const FAULTS: Record<number, string> = { 3: "HardFault", 4: "MemManage", 5: "BusFault", 6: "UsageFault" };

/** "HardFault (IPSR 3) at PC 0x000001a4" when `info registers` shows the CPU in a fault handler, else null. */
export function cortexMFault(infoRegisters: string): string | null {
  const xpsr = /XPSR=([0-9a-f]+)/i.exec(infoRegisters);
  if (!xpsr) return null;
  const ipsr = Number.parseInt(xpsr[1], 16) & 0x1ff;
  const name = FAULTS[ipsr];
  if (!name) return null;
  const pc = /R15=([0-9a-f]+)/i.exec(infoRegisters)?.[1];
  return `${name} (IPSR ${ipsr})${pc ? ` at PC 0x${pc}` : ""}`;
}
