import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Anthropic Messages API (POST /v1/messages), so the generator runs
 * against the real SDK without network or key. It answers in the API's real JSON and SSE shapes.
 * It records requests (bodies and headers, including the credential header) for assertions and
 * never logs anything: a test key must not end up in output.
 */

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * One scripted answer. The first field present decides the kind, in this order: `status` (an error
 * response), `midStreamError` (a stream that fails after message_start), `text` (a text-only
 * answer, no tool call), `rawToolInput` (tool input sent verbatim, e.g. invalid JSON),
 * `toolInput` (any value as the tool input), `files` (a proper write_firmware call). A turn with
 * none of them answers a one-file firmware. `delayMs` waits before answering at all.
 */
export interface FakeTurn {
  status?: number;
  /** Seconds, sent as `retry-after`. Without it (and without retryAfterMs) an error sends `retry-after-ms: 10`. */
  retryAfter?: number;
  retryAfterMs?: number;
  errorType?: string;
  message?: string;
  midStreamError?: string;
  text?: string;
  rawToolInput?: string;
  toolInput?: unknown;
  files?: { path: string; content: string }[];
  notes?: string;
  stopReason?: string;
  usage?: Partial<FakeUsage>;
  delayMs?: number;
  /** Wait between SSE events, to make a stream take time. */
  chunkDelayMs?: number;
}

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
}

export type FakeScript = FakeTurn[] | ((request: RecordedRequest, index: number) => FakeTurn);

export interface FakeAnthropic {
  /** Base URL for the SDK's `baseURL` option (no trailing slash, no /v1). */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

const DEFAULT_FILES = [{ path: "main.c", content: "int main(void) { for (;;) {} }\n" }];

export async function startFakeAnthropic(script: FakeScript): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const index = requests.length;
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(", ") : (value ?? ""),
        ]),
      );
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      } catch {
        body = null;
      }
      const recorded: RecordedRequest = { index, method: req.method ?? "", path: req.url ?? "", headers, body };
      requests.push(recorded);
      void answer(recorded, res, pickTurn(script, recorded, index));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pickTurn(script: FakeScript, request: RecordedRequest, index: number): FakeTurn | undefined {
  return typeof script === "function" ? script(request, index) : script[index];
}

async function answer(request: RecordedRequest, res: http.ServerResponse, turn: FakeTurn | undefined) {
  const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", "request-id": `req_fake_${request.index}`, ...extra });
    res.end(JSON.stringify(body));
  };
  if (request.method !== "POST" || !request.path.startsWith("/v1/messages")) {
    return send(404, errorBody(404, `fake-anthropic: no route ${request.method} ${request.path}`));
  }
  if (!request.headers["x-api-key"] && !request.headers["authorization"]) {
    return send(401, errorBody(401, "x-api-key header is required"));
  }
  if (!turn) {
    // Not retryable, so a test with too few turns fails at once instead of retrying into a timeout.
    return send(500, errorBody(500, `fake-anthropic: no scripted turn for request ${request.index}`), {
      "x-should-retry": "false",
    });
  }
  if (turn.delayMs) await sleep(turn.delayMs);
  if (res.destroyed) return;

  if (turn.status !== undefined) {
    const retry: Record<string, string> =
      turn.retryAfter !== undefined
        ? { "retry-after": String(turn.retryAfter) }
        : { "retry-after-ms": String(turn.retryAfterMs ?? 10) };
    return send(turn.status, errorBody(turn.status, turn.message ?? `fake ${turn.status}`, turn.errorType), retry);
  }

  const block = contentBlock(turn);
  const usage: FakeUsage = {
    input_tokens: 1200,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: Math.max(1, Math.ceil((block.type === "text" ? block.text : block.json).length / 4)),
    ...turn.usage,
  };
  const toolUse = { type: "tool_use", id: `toolu_fake_${request.index}`, name: "write_firmware" };
  const message = {
    id: `msg_fake_${request.index}`,
    type: "message",
    role: "assistant",
    model: String(request.body?.model ?? "claude-fake"),
    content: [
      block.type === "text" ? { type: "text", text: block.text } : { ...toolUse, input: safeParse(block.json) },
    ],
    stop_reason: turn.stopReason ?? (block.type === "tool_use" ? "tool_use" : "end_turn"),
    stop_sequence: null,
    usage,
  };
  if (!request.body?.stream) return send(200, message);

  res.writeHead(200, { "content-type": "text/event-stream", "request-id": `req_fake_${request.index}` });
  const start = { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } };
  const events: [string, object][] = [
    ["message_start", { message: start }],
    ["ping", {}],
  ];
  const delta = (d: object): [string, object] => ["content_block_delta", { index: 0, delta: d }];
  if (turn.midStreamError !== undefined) {
    events.push(["error", { error: { type: turn.midStreamError, message: "Overloaded" } }]);
  } else if (block.type === "text") {
    events.push(["content_block_start", { index: 0, content_block: { type: "text", text: "" } }]);
    events.push(...split(block.text).map((text) => delta({ type: "text_delta", text })));
  } else {
    events.push(["content_block_start", { index: 0, content_block: { ...toolUse, input: {} } }]);
    // The real API opens a tool block with an empty partial_json before the first characters.
    events.push(...["", ...split(block.json)].map((partial_json) => delta({ type: "input_json_delta", partial_json })));
  }
  if (turn.midStreamError === undefined) {
    events.push(["content_block_stop", { index: 0 }]);
    const stop = { stop_reason: message.stop_reason, stop_sequence: null };
    events.push(["message_delta", { delta: stop, usage: { output_tokens: usage.output_tokens } }]);
    events.push(["message_stop", {}]);
  }
  for (const [event, data] of events) {
    if (res.destroyed) return;
    // Every SSE payload repeats its event name as `type`, as the API's do.
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    if (turn.chunkDelayMs) await sleep(turn.chunkDelayMs);
  }
  res.end();
}

type Block = { type: "text"; text: string } | { type: "tool_use"; json: string };

function contentBlock(turn: FakeTurn): Block {
  if (turn.text !== undefined) return { type: "text", text: turn.text };
  if (turn.rawToolInput !== undefined) return { type: "tool_use", json: turn.rawToolInput };
  if (turn.toolInput !== undefined) return { type: "tool_use", json: JSON.stringify(turn.toolInput) };
  const input = { files: turn.files ?? DEFAULT_FILES, ...(turn.notes !== undefined ? { notes: turn.notes } : {}) };
  return { type: "tool_use", json: JSON.stringify(input) };
}

function errorBody(status: number, message: string, type?: string) {
  return { type: "error", error: { type: type ?? ERROR_TYPES[status] ?? "api_error", message } };
}

/** Several chunks, as the API sends them, so the client must reassemble the pieces. */
function split(text: string): string[] {
  if (text.length === 0) return [];
  const size = Math.max(1, Math.ceil(text.length / 6));
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
