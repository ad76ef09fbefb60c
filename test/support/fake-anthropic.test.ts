import { afterEach, describe, expect, it } from "vitest";

import { startFakeAnthropic, type FakeAnthropic, type FakeScript } from "./fake-anthropic";

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const FILES = [{ path: "main.c", content: 'int main(void) { puts("@t {}"); }\n' }];

async function post(script: FakeScript, body: object, headers: Record<string, string> = { "x-api-key": "k" }) {
  fake = await startFakeAnthropic(script);
  return fetch(`${fake.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "claude-test", max_tokens: 100, messages: [], ...body }),
  });
}

/** Parses an SSE body into [event, data] pairs. */
function parseSse(text: string): [string, Record<string, unknown>][] {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)![1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]) as Record<string, unknown>;
      return [event, data];
    });
}

describe("fake Anthropic Messages API", () => {
  it("answers a non-streaming request with a tool_use message and records the request", async () => {
    const res = await post(
      [{ files: FILES, usage: { cache_read_input_tokens: 7 } }],
      {},
      { authorization: "Bearer k2" },
    );
    expect(res.status).toBe(200);
    const message = await res.json();
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-test",
      stop_reason: "tool_use",
      content: [{ type: "tool_use", name: "write_firmware", input: { files: FILES } }],
      usage: { input_tokens: 1200, cache_read_input_tokens: 7 },
    });
    expect(fake!.requests).toHaveLength(1);
    expect(fake!.requests[0].headers.authorization).toBe("Bearer k2");
    expect(fake!.requests[0].body.model).toBe("claude-test");
  });

  it("streams a tool call in the real SSE event order with the JSON split into chunks", async () => {
    const res = await post([{ files: FILES, notes: "n" }], { stream: true });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = parseSse(await res.text());
    const names = events.map(([event]) => event);
    expect(names.slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
    expect(names.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(events[2][1]).toMatchObject({ content_block: { type: "tool_use", name: "write_firmware", input: {} } });
    const deltas = events
      .filter(([event]) => event === "content_block_delta")
      .map(([, data]) => data.delta as { partial_json: string });
    expect(deltas.length).toBeGreaterThanOrEqual(4);
    expect(deltas[0].partial_json).toBe("");
    expect(JSON.parse(deltas.map((d) => d.partial_json).join(""))).toEqual({ files: FILES, notes: "n" });
    expect(events.at(-2)![1]).toMatchObject({
      delta: { stop_reason: "tool_use" },
      usage: { output_tokens: expect.any(Number) },
    });
  });

  it("streams a text-only answer", async () => {
    const res = await post([{ text: "no tools today" }], { stream: true });
    const events = parseSse(await res.text());
    const text = events
      .filter(([event]) => event === "content_block_delta")
      .map(([, data]) => (data.delta as { text: string }).text)
      .join("");
    expect(text).toBe("no tools today");
    expect(events.find(([event]) => event === "message_delta")![1]).toMatchObject({
      delta: { stop_reason: "end_turn" },
    });
  });

  it("answers errors in the API's error shape with retry headers", async () => {
    const res = await post([{ status: 429 }], {});
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after-ms")).toBe("10");
    expect(await res.json()).toEqual({ type: "error", error: { type: "rate_limit_error", message: "fake 429" } });

    await fake!.close();
    const overloaded = await post([{ status: 529, retryAfter: 2, message: "Overloaded" }], {});
    expect(overloaded.headers.get("retry-after")).toBe("2");
    expect((await overloaded.json()).error).toEqual({ type: "overloaded_error", message: "Overloaded" });
  });

  it("requires a credential header and fails unscripted requests without retry", async () => {
    const res = await post([], {}, {});
    expect(res.status).toBe(401);
    expect((await res.json()).error.type).toBe("authentication_error");

    await fake!.close();
    const unscripted = await post([], {});
    expect(unscripted.status).toBe(500);
    expect(unscripted.headers.get("x-should-retry")).toBe("false");
  });

  it("takes a function script that sees each request and its index", async () => {
    const seen: number[] = [];
    fake = await startFakeAnthropic((request, index) => {
      seen.push(index);
      return request.body.stream ? { text: "streamed" } : { status: 500 };
    });
    const call = (stream: boolean) =>
      fetch(`${fake!.url}/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": "k" },
        body: JSON.stringify({ stream }),
      });
    expect((await call(false)).status).toBe(500);
    expect((await call(true)).status).toBe(200);
    expect(seen).toEqual([0, 1]);
  });
});
