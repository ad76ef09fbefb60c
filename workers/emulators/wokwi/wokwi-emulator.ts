import { APIClient, type APIEvent, type APIHello, type SerialMonitorDataPayload } from "@wokwi/client";
import type { NodeRunResult } from "../../../contracts/simulate";
import type { WokwiDiagram } from "../../../contracts/wokwi-diagram";
import { NodeConsole } from "../console";
import { type Emulator, type EmulatorRun, type NodeRun, uartText } from "../types";
import { WOKWI_FAILURES, WOKWI_NEEDS_TOKEN, type WokwiConfig, checkServerUrl, redactToken } from "./config";
import { WokwiConnectError, WokwiSocketTransport } from "./transport";

export interface WokwiEmulatorOptions {
  config: WokwiConfig;
  /** The node's diagram.json (contracts/wokwi-diagram.ts `wokwiDiagramFor`). */
  diagram: WokwiDiagram;
  /** How long the server has to open the websocket and say hello. Default 20 s (within the run's wall limit). */
  helloTimeoutMs?: number;
}

const DEFAULT_HELLO_MS = 20_000;
const NANOS_PER_MS = 1e6;
/** The server's refusal, when it comes as an error message instead of an HTTP status. */
const TOKEN_REFUSAL = /token|unauthori[sz]ed|forbidden|authenticat/i;

/** Thrown into the run's steps once it has ended, so an await that the server never answers does not linger. */
class RunEnded extends Error {}

const isElf = (image: Uint8Array) => image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;

/**
 * An ESP32 node on Wokwi's simulation API through `@wokwi/client`, the way `wokwi-cli` drives it: hello, `file:upload`
 * of diagram.json and the firmware, `serial-monitor:listen`, a `time-absolute` pause point at the check run's firmware
 * duration, `sim:start` and `sim:resume`; `serial-monitor:data` events are the console (stamped with the event's
 * firmware nanos), `serial-monitor:write` carries commands. A live run lasts until its signal; a check run passes when
 * the pause point is reached. Without a token nothing touches the network: the run is "unsupported".
 */
export class WokwiEmulator implements Emulator {
  readonly name: string;

  constructor(private readonly options: WokwiEmulatorOptions) {
    this.name = `wokwi ${options.diagram.parts[0].type}`;
  }

  start(run: EmulatorRun): NodeRun {
    const { token, server } = this.options.config;
    if (!token) {
      const result: NodeRunResult = {
        status: "unsupported",
        reason: WOKWI_NEEDS_TOKEN,
        console: "",
        lines: 0,
        firmwareMs: 0,
        wallMs: 0,
      };
      return { done: Promise.resolve(result), write: () => undefined };
    }
    return new WokwiRun(this.name, this.options, token, server, run).start();
  }
}

/** One run: the first ending (pause point, abort, wall limit, failure) settles `done` and closes the connection. */
class WokwiRun {
  private readonly console: NodeConsole;
  private readonly began = performance.now();
  private client: APIClient | null = null;
  private ended: NodeRunResult | null = null;
  private settle!: (result: NodeRunResult) => void;
  private readonly done = new Promise<NodeRunResult>((resolve) => (this.settle = resolve));
  private readonly cleanups: (() => void)[] = [];
  private firmwareNanos = 0;
  private hello = false;
  private simulating: Promise<void> = Promise.resolve();

  constructor(
    private readonly emulator: string,
    private readonly options: WokwiEmulatorOptions,
    private readonly token: string,
    private readonly server: string,
    private readonly run: EmulatorRun,
  ) {
    this.console = new NodeConsole(run.onLine);
  }

  start(): NodeRun {
    const { run } = this;
    const badServer = checkServerUrl(this.server);
    if (badServer) this.end("failed", `emulator: ${badServer}`);
    else if (run.signal?.aborted) this.end("stopped");
    else {
      const onAbort = () => this.end("stopped");
      run.signal?.addEventListener("abort", onAbort, { once: true });
      this.cleanups.push(() => run.signal?.removeEventListener("abort", onAbort));
      const wall = setTimeout(
        () => this.end("failed", WOKWI_FAILURES.timeout, `wall-clock limit of ${run.wallLimitMs / 1000} s`),
        run.wallLimitMs,
      );
      this.cleanups.push(() => clearTimeout(wall));
      this.simulating = this.drive().catch((error: unknown) => this.fail(error));
    }
    return { done: this.done, write: (text) => this.write(text) };
  }

  private async drive(): Promise<void> {
    const { run } = this;
    const transport = new WokwiSocketTransport(this.server, this.token);
    transport.onLost = (code, reason) =>
      this.end("failed", WOKWI_FAILURES.lost, `the websocket closed (code ${code}${reason ? `: ${reason}` : ""})`);
    transport.onGarbage = (detail) => this.end("failed", WOKWI_FAILURES.server, detail);
    const client = new APIClient(transport);
    this.client = client;
    this.cleanups.push(() => client.close());
    // Transport closes come through onLost first; what reaches onError here is the server's own error message.
    client.onError = (error) => {
      const refused = !this.hello && TOKEN_REFUSAL.test(error.message);
      this.end("failed", refused ? WOKWI_FAILURES.token : WOKWI_FAILURES.server, error.message);
    };
    await this.step(this.greeted(client));

    await this.step(client.fileUpload("diagram.json", JSON.stringify(this.options.diagram, null, 2)));
    const firmware = isElf(run.image) ? "firmware.elf" : "firmware.bin";
    await this.step(client.fileUpload(firmware, run.image));

    client.listen("serial-monitor:data", (event: APIEvent<SerialMonitorDataPayload>) => {
      this.firmwareNanos = Math.max(this.firmwareNanos, event.nanos);
      this.console.push(Uint8Array.from(event.payload.bytes));
      this.console.stamp(this.firmwareNanos / NANOS_PER_MS);
    });
    await this.step(client.serialMonitorListen());
    if (run.mode === "check") {
      const end = await this.step(
        client.addPausePoint({ type: "time-absolute", nanos: Math.round(run.durationMs * NANOS_PER_MS) }),
      );
      void end.promise.then(() => {
        this.firmwareNanos = Math.max(this.firmwareNanos, run.durationMs * NANOS_PER_MS);
        this.end("passed");
      });
    }
    await this.step(client.simStart({ firmware, ...(firmware === "firmware.elf" ? { elf: firmware } : {}) }));
    await this.step(client.simResume());
  }

  /** The websocket open and the server's hello, within the hello timeout. */
  private greeted(client: APIClient): Promise<APIHello> {
    const limitMs = this.options.helloTimeoutMs ?? DEFAULT_HELLO_MS;
    return new Promise<APIHello>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new WokwiTimeout(`${this.server} did not say hello within ${limitMs / 1000} s`)),
        limitMs,
      );
      this.cleanups.push(() => clearTimeout(timer));
      client.onConnected = (hello) => {
        clearTimeout(timer);
        this.hello = true;
        resolve(hello);
      };
      client.connected.catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Waits for a step unless the run ends first. */
  private step<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([
      promise,
      this.done.then(() => {
        throw new RunEnded();
      }),
    ]);
  }

  private write(text: string): void {
    const bytes = new TextEncoder().encode(uartText(text));
    if (bytes.length === 0) return;
    // Commands typed before the simulation runs wait for it; after the end they go nowhere.
    void this.simulating.then(() => {
      if (this.ended || !this.client) return;
      this.client.serialMonitorWrite(bytes).catch((error: unknown) => this.fail(error));
    });
  }

  private fail(error: unknown): void {
    if (error instanceof RunEnded || this.ended) return;
    if (error instanceof WokwiConnectError) this.end("failed", error.reason, error.message);
    else if (error instanceof WokwiTimeout) this.end("failed", WOKWI_FAILURES.timeout, error.message);
    else this.end("failed", WOKWI_FAILURES.server, error instanceof Error ? error.message : String(error));
  }

  private end(status: NodeRunResult["status"], reason?: string, detail?: string): void {
    if (this.ended) return;
    const firmwareMs = this.firmwareNanos / NANOS_PER_MS;
    this.console.flush(firmwareMs);
    this.ended = {
      status,
      ...(reason ? { reason } : {}),
      ...(detail ? { detail: redactToken(detail, this.token) } : {}),
      emulator: this.emulator,
      console: this.console.text(),
      lines: this.console.lines,
      firmwareMs: Math.round(firmwareMs),
      wallMs: Math.round(performance.now() - this.began),
    };
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.settle(this.ended);
  }
}

class WokwiTimeout extends Error {}
