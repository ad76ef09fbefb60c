import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A local stand-in for Wokwi's simulation API (wss://wokwi.com/api/ws/beta) on 127.0.0.1, speaking the protocol as
 * far as `@wokwi/client` uses it: the token checked at the websocket upgrade (401 otherwise), a hello, JSON commands
 * answered by id (`file:upload`, `serial-monitor:listen`/`write`, `pause-point:add`/`remove`, `sim:start`/`pause`/
 * `resume`/`status`), and events stamped with the firmware nanos (`serial-monitor:data`, `sim:pause`).
 *
 * The "firmware" prints each line of its script every `everyMs` of firmware time. The script is the test's, or else the
 * console lines stored in the uploaded firmware image (NUL-terminated strings ending in "\n"), which proves the
 * image arrived intact. A line written to the serial monitor is answered by the firmware, like a command handler.
 */
export interface FakeWokwiOptions {
  token: string;
  /** Lines printed in turn, one every `everyMs` of firmware time (the first at `everyMs`), while running. */
  script?: { lines: string[]; everyMs: number };
  /** Firmware time per wall time: 20 runs a second of firmware in 50 ms. Default 1. */
  speed?: number;
  /** The firmware's answer to a line written to its UART. Default: an `@e` event naming the command. */
  answer?: (line: string) => string[];
  fault?: FakeWokwiFault;
}

export type FakeWokwiFault =
  /** Drop the TCP connection without a close frame (code 1006) after this many printed lines. */
  | { kind: "drop"; afterLines: number }
  /** Answer this command with `error: true`. */
  | { kind: "error-answer"; command: string; code: number; message: string }
  /** Send `{ type: "error" }` after this many printed lines (0: instead of the hello). */
  | { kind: "error-message"; afterLines: number; message: string }
  /** Open the websocket, then never say hello nor answer. */
  | { kind: "silent" };

export interface FakeWokwi {
  url: string;
  /** TCP connections made to the server, refused ones included. */
  readonly connections: number;
  /** Every command received, in order. */
  readonly commands: { command: string; params: Record<string, unknown> }[];
  /** Uploaded files: text as string, binary as bytes. */
  readonly files: Map<string, string | Uint8Array>;
  /** Everything written to the serial monitor. */
  readonly serialInput: () => string;
  close(): Promise<void>;
}

const defaultAnswer = (line: string) => [`@e ${JSON.stringify({ event: "command", command: line })}`];

/** The console lines a firmware image holds: NUL-terminated printable strings that end in a newline. */
export function consoleLinesIn(image: Uint8Array): string[] {
  const text = Buffer.from(image).toString("latin1");
  return [...text.matchAll(/([\x20-\x7e]{2,}\n)\0/g)].map((match) => match[1].replace(/\n$/, ""));
}

export async function startFakeWokwi(options: FakeWokwiOptions): Promise<FakeWokwi> {
  const commands: FakeWokwi["commands"] = [];
  const files = new Map<string, string | Uint8Array>();
  let serialInput = "";
  let connections = 0;
  const server = http.createServer((_request, response) => response.writeHead(426).end("websocket only"));
  server.on("connection", () => connections++);
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nInvalid token");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      new FakeSimulation(ws, options, {
        command: (command, params) => commands.push({ command, params }),
        file: (name, content) => files.set(name, content),
        input: (text) => (serialInput += text),
      }).begin();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/api/ws/beta`,
    get connections() {
      return connections;
    },
    commands,
    files,
    serialInput: () => serialInput,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Recorder {
  command(command: string, params: Record<string, unknown>): void;
  file(name: string, content: string | Uint8Array): void;
  input(text: string): void;
}

const TICK_MS = 5;
const NANOS_PER_MS = 1e6;

/** One connection's simulated chip: its firmware clock, pause points and serial monitor. */
class FakeSimulation {
  private nanos = 0;
  private running = false;
  private listening = false;
  private printed = 0;
  private scriptIndex = 0;
  private nextLineAt = 0;
  private lines: string[] = [];
  private everyMs = 1000;
  private inputTail = "";
  private readonly pausePoints = new Map<string, number>();
  private readonly files = new Map<string, string | Uint8Array>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: FakeWokwiOptions,
    private readonly record: Recorder,
  ) {}

  begin(): void {
    this.ws.on("close", () => this.stopClock());
    if (this.options.fault?.kind === "silent") return;
    if (this.options.fault?.kind === "error-message" && this.options.fault.afterLines === 0) {
      this.send({ type: "error", message: this.options.fault.message });
      this.ws.close(1008, "refused");
      return;
    }
    this.send({ type: "hello", protocolVersion: 1, appName: "fake-wokwi", appVersion: "0.0.0-test" });
    this.ws.on("message", (data) => this.receive(JSON.parse(data.toString()) as Command));
  }

  private receive({ command, id, params = {} }: Command): void {
    this.record.command(command, params);
    const fault = this.options.fault;
    if (fault?.kind === "error-answer" && fault.command === command) {
      return this.respond(id, command, { code: fault.code, message: fault.message }, true);
    }
    const handler = this.handlers[command];
    if (!handler) return this.respond(id, command, { code: 404, message: `Unknown command ${command}` }, true);
    const error = handler(params);
    if (error) return this.respond(id, command, { code: 400, message: error }, true);
    this.respond(id, command, command === "sim:status" ? { running: this.running, nanos: this.nanos } : {});
  }

  /** Each returns an error message, or nothing when the command succeeded. */
  private readonly handlers: Record<string, (params: Record<string, unknown>) => string | void> = {
    "file:upload": ({ name, text, binary }) => {
      if (typeof name !== "string") return "file:upload needs a name";
      const content = typeof binary === "string" ? Uint8Array.from(Buffer.from(binary, "base64")) : String(text);
      this.files.set(name, content);
      this.record.file(name, content);
    },
    "serial-monitor:listen": () => {
      this.listening = true;
    },
    "serial-monitor:write": ({ bytes }) => {
      if (!Array.isArray(bytes)) return "serial-monitor:write needs bytes";
      const text = Buffer.from(bytes as number[]).toString("utf8");
      this.record.input(text);
      const lines = (this.inputTail + text).split("\n");
      this.inputTail = lines.pop() ?? "";
      const answer = this.options.answer ?? defaultAnswer;
      for (const line of lines) this.print(answer(line.replace(/\r$/, "")));
    },
    "pause-point:add": ({ id, type, nanos }) => {
      if (typeof id !== "string" || typeof nanos !== "number") return "pause-point:add needs an id and nanos";
      this.pausePoints.set(id, type === "time-relative" ? this.nanos + nanos : nanos);
    },
    "pause-point:remove": ({ id }) => {
      this.pausePoints.delete(String(id));
    },
    "sim:start": ({ firmware, elf, pause }) => {
      if (!this.files.has("diagram.json")) return "diagram.json was not uploaded";
      for (const name of [firmware, elf].filter((n) => n !== undefined)) {
        if (typeof name !== "string" || !this.files.has(name)) return `firmware file not found: ${String(name)}`;
      }
      const image = this.files.get(String(firmware));
      this.lines = this.options.script?.lines ?? (image instanceof Uint8Array ? consoleLinesIn(image) : []);
      this.everyMs = this.options.script?.everyMs ?? 1000;
      this.nextLineAt = this.everyMs * NANOS_PER_MS;
      this.nanos = 0;
      if (!pause) this.startClock();
    },
    "sim:pause": () => this.stopClock(),
    "sim:resume": ({ pauseAfter }) => {
      if (typeof pauseAfter === "number") this.pausePoints.set("resume", this.nanos + pauseAfter);
      this.startClock();
    },
    "sim:status": () => undefined,
  };

  private startClock(): void {
    this.running = true;
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  private stopClock(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const target = this.nanos + TICK_MS * (this.options.speed ?? 1) * NANOS_PER_MS;
    const [pausePoint, at] =
      [...this.pausePoints].sort((a, b) => a[1] - b[1]).find(([, nanos]) => nanos <= target) ?? [];
    const until = at ?? target;
    while (this.lines.length > 0 && this.nextLineAt <= until && this.ws.readyState === this.ws.OPEN) {
      this.nanos = this.nextLineAt;
      this.print([this.lines[this.scriptIndex++ % this.lines.length]]);
      this.nextLineAt += this.everyMs * NANOS_PER_MS;
    }
    this.nanos = until;
    if (pausePoint !== undefined) {
      this.pausePoints.delete(pausePoint);
      this.stopClock();
      this.event("sim:pause", { pausePoint, pausePointInfo: { nanos: this.nanos } });
    }
  }

  private print(lines: string[]): void {
    for (const line of lines) {
      if (this.listening) this.event("serial-monitor:data", { bytes: [...Buffer.from(`${line}\r\n`, "utf8")] });
      this.printed++;
      const fault = this.options.fault;
      if (fault?.kind === "drop" && this.printed >= fault.afterLines) {
        this.stopClock();
        this.ws.terminate();
        return;
      }
      if (fault?.kind === "error-message" && this.printed === fault.afterLines) {
        this.send({ type: "error", message: fault.message });
      }
    }
  }

  private event(event: string, payload: unknown): void {
    this.send({ type: "event", event, payload, nanos: this.nanos, paused: !this.running });
  }

  private respond(id: string | undefined, command: string, result: unknown, error = false): void {
    this.send({ type: "response", command, id, result, error });
  }

  private send(message: unknown): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }
}

interface Command {
  type: "command";
  command: string;
  id?: string;
  params?: Record<string, unknown>;
}
