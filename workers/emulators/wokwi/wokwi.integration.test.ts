import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getBoard } from "../../../boards";
import type { TimedLine } from "../../../contracts/simulate";
import { type DiagramNode, wokwiDiagramFor, wokwiDiagramSchema } from "../../../contracts/wokwi-diagram";
import { type FakeWokwi, type FakeWokwiOptions, startFakeWokwi } from "../../../test/support/fake-wokwi";
import { freePort } from "../../../test/support/free-port";
import { WokwiEmulator, type WokwiNodeOptions, runWokwiNode, startWokwiNode } from "./index";

const TOKEN = "wok_test_9f3c2a";
const board = getBoard("esp32-devkitc")!;
const node: DiagramNode = {
  id: "bed-1",
  name: "Greenhouse bed 1",
  sensors: [{ id: "air", type: "dht22", pin: "GPIO4" }],
  actuators: [{ id: "fan", type: "fan", pin: "GPIO16" }],
};
const SCRIPT = {
  everyMs: 1000,
  lines: ["boot ok", '@t {"temperature":21.5,"humidity":40}', '@e {"event":"door","open":true}'],
};
/** An ELF-looking image carrying the console lines the fake plays when no script is given. */
const elfImage = (...lines: string[]) =>
  Uint8Array.from(
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]), ...lines.map((l) => Buffer.from(`\0${l}\n\0`))]),
  );

let fake: FakeWokwi | null = null;
const logged: string[] = [];

beforeAll(() => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterEach(async () => {
  await fake?.close();
  fake = null;
});
afterAll(() => vi.restoreAllMocks());

async function serve(options: Omit<FakeWokwiOptions, "token"> = {}) {
  fake = await startFakeWokwi({ token: TOKEN, speed: 25, script: SCRIPT, ...options });
  return fake;
}

const run = (server: FakeWokwi, options: Partial<WokwiNodeOptions> = {}) => {
  const lines: TimedLine[] = [];
  const records: { kind: string; record: Record<string, unknown>; firmwareMs: number }[] = [];
  const started = startWokwiNode({
    board,
    node,
    image: elfImage("unused"),
    mode: "check",
    durationMs: 3000,
    wallLimitMs: 20_000,
    env: { WOKWI_CLI_TOKEN: TOKEN, WOKWI_CLI_SERVER: server.url },
    onLine: (line) => lines.push(line),
    onRecord: (record) => records.push(record),
    ...options,
  });
  return { ...started, lines, records };
};

describe("an ESP32 node on Wokwi's simulation API (local stand-in over real websockets)", () => {
  it("uploads the diagram and firmware, starts, and parses the serial monitor until the firmware duration", async () => {
    const server = await serve();
    const image = elfImage("unused");
    const { done, lines, records } = run(server, { image });
    const result = await done;

    expect(result).toMatchObject({
      status: "passed",
      firmwareMs: 3000,
      lines: 3,
      emulator: "wokwi board-esp32-devkit-c-v4",
    });
    expect(lines.map((l) => [l.firmwareMs, l.line.kind])).toEqual([
      [1000, "log"],
      [2000, "telemetry"],
      [3000, "event"],
    ]);
    expect(records).toEqual([
      { kind: "telemetry", record: { temperature: 21.5, humidity: 40 }, firmwareMs: 2000 },
      { kind: "event", record: { event: "door", open: true }, firmwareMs: 3000 },
    ]);
    expect(result.console).toContain('@t {"temperature":21.5,"humidity":40}');
    expect(server.commands.map((c) => c.command)).toEqual([
      "file:upload",
      "file:upload",
      "serial-monitor:listen",
      "pause-point:add",
      "sim:start",
      "sim:resume",
    ]);
    expect(server.commands[3].params).toMatchObject({ type: "time-absolute", nanos: 3_000_000_000 });
    expect(server.commands[4].params).toEqual({ firmware: "firmware.elf", elf: "firmware.elf" });
    expect(server.files.get("firmware.elf")).toEqual(image);
    const diagram = wokwiDiagramSchema.parse(JSON.parse(server.files.get("diagram.json") as string));
    expect(diagram).toEqual(wokwiDiagramFor(board, node)!.diagram);
    expect(diagram.connections).toContainEqual(["air:SDA", "esp:4", "green", ["v0"]]);
  });

  it("plays the console lines the uploaded flash image holds, uploaded as firmware.bin", async () => {
    const server = await serve({ script: undefined });
    const image = Uint8Array.from([0xe9, 3, 2, 0x20, ...Buffer.from('\0hello from flash\n\0@t {"distance":42}\n\0')]);
    const { done, records } = run(server, { image, durationMs: 2000 });
    const result = await done;
    expect(result.status).toBe("passed");
    expect(result.console).toContain("hello from flash");
    expect(records).toEqual([{ kind: "telemetry", record: { distance: 42 }, firmwareMs: 2000 }]);
    expect(server.commands.find((c) => c.command === "sim:start")?.params).toEqual({ firmware: "firmware.bin" });
    expect(server.files.get("firmware.bin")).toEqual(image);
  });

  it("writes a command to the serial monitor and the firmware's answer comes back as a console line", async () => {
    const server = await serve({
      speed: 5,
      answer: (line) => [`@e {"event":"ack","command":${JSON.stringify(line)}}`],
    });
    const stop = new AbortController();
    let onAnswer: (line: TimedLine) => void = () => undefined;
    const answered = new Promise<TimedLine>((resolve) => (onAnswer = resolve));
    const started = run(server, {
      mode: "live",
      signal: stop.signal,
      onLine: (line) => {
        // The command goes in once the firmware has booted, as a user's would.
        if (line.line.raw === "boot ok") started.write("fan on\n");
        if (line.line.kind === "event" && line.line.record.event === "ack") onAnswer(line);
      },
    });
    const line = await answered;
    expect(line.line).toMatchObject({ kind: "event", record: { event: "ack", command: "fan on" } });
    expect(server.serialInput()).toBe("fan on\n");
    // A live run has no end of its own: no pause point, it runs until stopped.
    expect(server.commands.some((c) => c.command === "pause-point:add")).toBe(false);
    stop.abort();
    const result = await started.done;
    expect(result.status).toBe("stopped");
    expect(result.console).toContain('"command":"fan on"');
  });
});

describe("Wokwi failures are failures with their reason, never a success", () => {
  it("a token the server refuses", async () => {
    const server = await serve();
    const result = await runWokwiNode({
      board,
      image: elfImage(),
      mode: "check",
      env: { WOKWI_CLI_TOKEN: "wok_wrong_token", WOKWI_CLI_SERVER: server.url },
    });
    expect(result).toMatchObject({ status: "failed", reason: "Wokwi refused the token" });
    expect(result.detail).toContain("HTTP 401");
    expect(result.detail).not.toContain("wok_wrong_token");
    expect(server.connections).toBe(1);
    expect(server.commands).toEqual([]);
  });

  it("a refusal sent as an error message instead of the hello", async () => {
    const server = await serve({ fault: { kind: "error-message", afterLines: 0, message: "Invalid CI token" } });
    const result = await run(server).done;
    expect(result).toMatchObject({ status: "failed", reason: "Wokwi refused the token", detail: "Invalid CI token" });
  });

  it("the connection dropped mid-run keeps the lines printed before it", async () => {
    const server = await serve({ fault: { kind: "drop", afterLines: 2 } });
    const result = await run(server, { durationMs: 10_000 }).done;
    expect(result).toMatchObject({ status: "failed", reason: "Wokwi connection lost", lines: 2, firmwareMs: 2000 });
    expect(result.detail).toMatch(/code 1006/);
  });

  it("an error answer to sim:start, with a token the server echoed taken out", async () => {
    const message = `no simulation minutes left for ${TOKEN}`;
    const server = await serve({ fault: { kind: "error-answer", command: "sim:start", code: 402, message } });
    const result = await run(server).done;
    expect(result).toMatchObject({ status: "failed", reason: "Wokwi server error" });
    expect(result.detail).toBe("Error 402: no simulation minutes left for ••••");
  });

  it("an error message from the server while the simulation runs", async () => {
    const server = await serve({ fault: { kind: "error-message", afterLines: 1, message: "Simulation crashed" } });
    const result = await run(server, { durationMs: 10_000 }).done;
    expect(result).toMatchObject({ status: "failed", reason: "Wokwi server error", detail: "Simulation crashed" });
  });

  it("a server that never says hello ends at the wall-clock limit as a timeout", async () => {
    const server = await serve({ fault: { kind: "silent" } });
    const result = await run(server, { wallLimitMs: 500 }).done;
    expect(result).toMatchObject({ status: "failed", reason: "timeout", detail: "wall-clock limit of 0.5 s" });
    const emulator = new WokwiEmulator({
      config: { token: TOKEN, server: server.url },
      diagram: wokwiDiagramFor(board)!.diagram,
      helloTimeoutMs: 200,
    });
    const silent = await emulator.start({
      board,
      image: elfImage(),
      mode: "check",
      durationMs: 1000,
      wallLimitMs: 20_000,
    }).done;
    expect(silent).toMatchObject({ status: "failed", reason: "timeout" });
    expect(silent.detail).toMatch(/did not say hello within 0.2 s$/);
  });

  it("a server nobody listens on", async () => {
    const port = await freePort();
    const result = await runWokwiNode({
      board,
      image: elfImage(),
      mode: "check",
      env: { WOKWI_CLI_TOKEN: TOKEN, WOKWI_CLI_SERVER: `ws://127.0.0.1:${port}/api/ws/beta` },
    });
    expect(result).toMatchObject({ status: "failed", reason: "Wokwi server unreachable" });
    expect(result.detail).toMatch(/ECONNREFUSED/);
  });
});

describe("without a usable configuration nothing touches the network", () => {
  it.each([{}, { WOKWI_CLI_TOKEN: "" }])("no token (%o): unsupported with the exact reason", async (env) => {
    const server = await serve();
    const result = await runWokwiNode({
      board,
      node,
      image: elfImage(),
      mode: "live",
      env: { ...env, WOKWI_CLI_SERVER: server.url },
    });
    expect(result).toEqual({
      status: "unsupported",
      reason: "ESP32 simulation needs WOKWI_CLI_TOKEN",
      console: "",
      lines: 0,
      firmwareMs: 0,
      wallMs: 0,
    });
    expect(server.connections).toBe(0);
  });

  it("a server setting that is not a websocket URL", async () => {
    const result = await runWokwiNode({
      board,
      image: elfImage(),
      mode: "check",
      env: { WOKWI_CLI_TOKEN: TOKEN, WOKWI_CLI_SERVER: "https://wokwi.com/api" },
    });
    expect(result).toMatchObject({
      status: "failed",
      reason: "emulator: WOKWI_CLI_SERVER must be a ws:// or wss:// URL, not https://",
    });
  });

  it("a board Wokwi does not run", async () => {
    const result = await runWokwiNode({ board: getBoard("arduino-uno")!, image: elfImage(), mode: "check", env: {} });
    expect(result).toMatchObject({ status: "unsupported", reason: "Arduino Uno is not a board Wokwi simulates here" });
  });
});

describe("the token", () => {
  // Runs last: every run above has logged what it logs by now.
  it("goes only into the Authorization header: no log line, from the runner or the client library, holds it", () => {
    expect(logged.length).toBeGreaterThan(0); // the client library does log the server's error messages
    expect(logged.filter((line) => line.includes(TOKEN))).toEqual([]);
  });
});
