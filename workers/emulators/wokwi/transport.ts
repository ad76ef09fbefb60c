import type { ITransport } from "@wokwi/client";
import WebSocket from "ws";
import { WOKWI_FAILURES } from "./config";

type ConnectFailureKind = "token" | "unreachable" | "server";

/** Why the websocket did not open: the token refused, the server unreachable, or another HTTP answer. */
export class WokwiConnectError extends Error {
  constructor(
    readonly kind: ConnectFailureKind,
    detail: string,
  ) {
    super(detail);
    this.name = "WokwiConnectError";
  }

  get reason(): string {
    return WOKWI_FAILURES[this.kind];
  }
}

/**
 * `@wokwi/client` ships the API client and a MessagePort transport for the browser; Node programs bring their own
 * websocket transport, as `wokwi-cli` does. This one connects to the simulation API with the token in the
 * `Authorization: Bearer` header (never in the URL, so it shows up in no error message), sends and receives one JSON
 * message per websocket frame, and tells a refused token, an unreachable server and a lost connection apart.
 */
export class WokwiSocketTransport implements ITransport {
  onMessage: (message: unknown) => void = () => undefined;
  onClose?: (code: number, reason?: string) => void;
  onError?: (error: Error) => void;
  /** Ours, not the client's: the connection closed while we still wanted it (code 1006 when it simply dropped). */
  onLost?: (code: number, reason: string) => void;
  /** A frame that is not a JSON object: the server does not speak this protocol. */
  onGarbage?: (detail: string) => void;

  private socket: WebSocket | null = null;
  private closing = false;

  constructor(
    private readonly server: string,
    private readonly token: string,
  ) {}

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.server, {
        headers: { Authorization: `Bearer ${this.token}`, "User-Agent": "swarm-architect-worker" },
        handshakeTimeout: 30_000,
      });
      this.socket = socket;
      socket.once("unexpected-response", (_request, response) => {
        const status = response.statusCode ?? 0;
        const answer = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}`;
        response.resume();
        socket.terminate();
        const kind = status === 401 || status === 403 ? "token" : "server";
        reject(new WokwiConnectError(kind, `${this.server} answered the websocket upgrade with ${answer}`));
      });
      // Before the handshake: this settles connect(); after it, a socket error is followed by its close, reported there.
      socket.on("error", (error) => {
        reject(new WokwiConnectError("unreachable", `could not connect to ${this.server}: ${error.message}`));
      });
      socket.once("open", () => {
        socket.on("message", (data, isBinary) => this.receive(data, isBinary));
        socket.on("close", (code, reason) => {
          if (this.closing) return;
          this.onLost?.(code, reason.toString("utf8"));
          this.onClose?.(code, reason.toString("utf8"));
        });
        resolve();
      });
    });
  }

  send(message: unknown): void {
    // The client calls this inside a Promise executor, so throwing rejects that command.
    if (this.socket?.readyState !== WebSocket.OPEN) throw new Error("the Wokwi connection is closed");
    this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.closing = true;
    const socket = this.socket;
    if (!socket) return;
    if (socket.readyState === WebSocket.OPEN) socket.close(1000);
    else socket.terminate();
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    const buffer = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(new Uint8Array(data));
    const text = buffer.toString("utf8");
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = null;
    }
    if (isBinary || typeof message !== "object" || message === null || Array.isArray(message)) {
      this.onGarbage?.(`the server sent a frame that is not a JSON message: ${text.slice(0, 120)}`);
      return;
    }
    this.onMessage(message);
  }
}
