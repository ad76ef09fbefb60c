import { afterEach, describe, expect, it, vi } from "vitest";

import { startFakeAnthropic, type FakeAnthropic, type FakeScript } from "../../../test/support/fake-anthropic";
import { AnthropicRequestError, GeneratorOutputError } from "./errors";
import { createAnthropicGenerator, DEFAULT_MODEL, type AnthropicGeneratorOptions } from "./generator";
import { inputFor } from "./test-fixtures";

const KEY = "sk-ant-test-0123456789-secret";
const FILES = [
  { path: "main.c", content: 'int main(void) {\n  /* "quoted" and \\ escaped */\n  for (;;) {}\n}\n' },
  { path: "startup.c", content: "void Reset_Handler(void) {}\n" },
  { path: "link.ld", content: "ENTRY(Reset_Handler)\n" },
];

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  vi.unstubAllEnvs();
});

async function setup(script: FakeScript, options: Partial<AnthropicGeneratorOptions> = {}) {
  fake = await startFakeAnthropic(script);
  const progress: string[] = [];
  const generator = createAnthropicGenerator({
    apiKey: KEY,
    baseURL: fake.url,
    model: "claude-test",
    retryBaseMs: 5,
    ...options,
  });
  const run = (extra: Parameters<typeof inputFor>[1] = {}) =>
    generator.generate(inputFor("climate-1", { onProgress: (line) => progress.push(line), ...extra }));
  return { fake, generator, progress, run };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the generation to fail");
}

describe("anthropic generator against the fake Messages API", () => {
  it("streams a write_firmware call into files, usage and progress lines", async () => {
    const usage = {
      input_tokens: 310,
      output_tokens: 950,
      cache_read_input_tokens: 2100,
      cache_creation_input_tokens: 40,
    };
    const { fake, generator, progress, run } = await setup([{ files: FILES, notes: "simulated DHT22", usage }]);
    const result = await run();

    expect(generator.name).toBe("anthropic");
    expect(result.files).toEqual(FILES);
    expect(result.generator).toBe("anthropic:claude-test");
    expect(result.usage).toEqual({
      inputTokens: 310,
      outputTokens: 950,
      cacheReadInputTokens: 2100,
      cacheCreationInputTokens: 40,
    });
    expect(progress[0]).toBe("claude: asking claude-test for node climate-1 (iteration 1)");
    expect(progress).toContain(
      "claude: 3 files, 950 output tokens, 310 input tokens (+2,100 from cache, 40 written to cache)",
    );
    expect(progress).toContain("claude notes: simulated DHT22");

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.path).toBe("/v1/messages");
    expect(request.headers["x-api-key"] ?? request.headers["authorization"]).toContain(KEY);
    expect(request.body).toMatchObject({
      model: "claude-test",
      stream: true,
      max_tokens: 32_000,
      tool_choice: { type: "tool", name: "write_firmware" },
      tools: [{ name: "write_firmware", eager_input_streaming: true }],
    });
    expect(request.body.system[1].cache_control).toEqual({ type: "ephemeral" });
    expect(request.body.messages[0].content[0].text).toContain("climate-1");
  });

  it("throttles running token counts to one line per 500 ms", async () => {
    const big = [{ path: "main.c", content: "x".repeat(40_000) }];
    const { progress, run } = await setup([{ files: big, chunkDelayMs: 120 }]);
    const started = Date.now();
    await run();
    const elapsed = Date.now() - started;
    const counts = progress.filter((line) => /^claude: ~[\d,]+ output tokens$/.test(line));
    expect(counts.length).toBeGreaterThanOrEqual(1);
    expect(counts.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
  });

  it("uses ANTHROPIC_MODEL, else the newest Sonnet, as the default model", async () => {
    vi.stubEnv("ANTHROPIC_MODEL", "");
    const { fake, run } = await setup([{ files: FILES }, { files: FILES }], { model: undefined });
    expect((await run()).generator).toBe(`anthropic:${DEFAULT_MODEL}`);
    vi.stubEnv("ANTHROPIC_MODEL", "claude-from-env");
    const fromEnv = createAnthropicGenerator({ apiKey: KEY, baseURL: fake.url });
    expect((await fromEnv.generate(inputFor("climate-1"))).generator).toBe("anthropic:claude-from-env");
    expect(fake.requests.map((r) => r.body.model)).toEqual([DEFAULT_MODEL, "claude-from-env"]);
  });

  it("retries a 429 and honours retry-after", async () => {
    const { fake, progress, run } = await setup([{ status: 429, retryAfter: 0.3 }, { files: FILES }]);
    const started = Date.now();
    const result = await run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(result.files).toEqual(FILES);
    expect(fake.requests).toHaveLength(2);
    expect(progress).toContain("claude: Anthropic answered 429, retrying (4 attempts left)");
  });

  it("retries 529 overloaded and 500 answers", async () => {
    const { fake, run } = await setup([{ status: 529 }, { status: 500 }, { status: 529 }, { files: FILES }]);
    expect((await run()).files).toEqual(FILES);
    expect(fake.requests).toHaveLength(4);
  });

  it("gives up after maxRetries with a retryable error", async () => {
    const { fake, run } = await setup(() => ({ status: 529, message: "Overloaded" }), { maxRetries: 2 });
    const error = await failure(run());
    expect(error).toBeInstanceOf(AnthropicRequestError);
    expect(error.message).toBe("Anthropic is overloaded (529) after 2 retries: Overloaded");
    expect((error as AnthropicRequestError).retryable).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it("fails at once on a rejected key, without the key in any message", async () => {
    const { fake, progress, run } = await setup(() => ({ status: 401, message: "invalid x-api-key" }));
    const error = await failure(run());
    expect(error).toBeInstanceOf(AnthropicRequestError);
    expect(error.message).toBe("Anthropic rejected the API key (401): check ANTHROPIC_API_KEY");
    expect((error as AnthropicRequestError).retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
    expect(`${error.message}${error.stack}${progress.join("\n")}`).not.toContain(KEY);
  });

  it("treats a 403 like a bad key", async () => {
    const { fake, run } = await setup(() => ({ status: 403 }));
    expect((await failure(run())).message).toBe("Anthropic rejected the API key (403): check ANTHROPIC_API_KEY");
    expect(fake.requests).toHaveLength(1);
  });

  it("rejects a text answer without a tool call", async () => {
    const { run } = await setup([{ text: "Sure! Here is the firmware:\n```c\nint main(){}\n```" }]);
    const error = await failure(run());
    expect(error).toBeInstanceOf(GeneratorOutputError);
    expect(error.message).toMatch(
      /^Claude's answer had no write_firmware call \(stop_reason end_turn\); it said: "Sure!/,
    );
  });

  it("rejects tool input that is not valid JSON", async () => {
    const { run } = await setup([
      { rawToolInput: '{"files": [{"path": "main.c", "content": "x"}]}} trailing' },
      // Truncated JSON: the SDK's lenient parser would complete it into a plausible but cut-off file.
      { rawToolInput: '{"files": [{"path": "main.c", "content": "int main(void) { for (;' },
    ]);
    for (let i = 0; i < 2; i++) {
      const error = await failure(run());
      expect(error).toBeInstanceOf(GeneratorOutputError);
      expect(error.message).toMatch(/^write_firmware input is not valid JSON \(.+; \d+ characters received\)$/);
    }
  });

  it("rejects tool input of the wrong shape with the failing path", async () => {
    const { run } = await setup([{ toolInput: { files: "main.c" } }, { toolInput: { files: [] } }]);
    expect((await failure(run())).message).toMatch(/^write_firmware\.files: /);
    expect((await failure(run())).message).toBe("write_firmware.files: must contain at least one file");
  });

  it.each([
    ["../x", 'must stay inside the source tree (no "..")'],
    ["/etc/passwd", "must be relative, not absolute"],
    ["src/../../x.c", 'must stay inside the source tree (no "..")'],
  ])("rejects the path %s", async (path, reason) => {
    const { run } = await setup([{ files: [{ path, content: "x" }] }]);
    const error = await failure(run());
    expect(error).toBeInstanceOf(GeneratorOutputError);
    expect(error.message).toBe(`write_firmware.files.0.path: ${reason}`);
  });

  it("rejects answers over 512 KiB and answers cut off at max_tokens", async () => {
    const huge = [{ path: "main.c", content: "x".repeat(600 * 1024) }];
    const { run } = await setup([{ files: huge }, { files: FILES, stopReason: "max_tokens" }]);
    expect((await failure(run())).message).toMatch(/^write_firmware\.files: total size 614400 bytes exceeds 524288/);
    expect((await failure(run())).message).toMatch(/cut off at max_tokens \(32000\)/);
  });

  it("retries a stream that broke midway", async () => {
    const { fake, progress, run } = await setup([{ midStreamError: "overloaded_error" }, { files: FILES }]);
    expect((await run()).files).toEqual(FILES);
    expect(fake.requests).toHaveLength(2);
    expect(progress.some((line) => line.startsWith("claude: stream broke (overloaded_error), retrying"))).toBe(true);
  });

  it("retries a stream that stalls longer than the timeout", async () => {
    const { fake, run } = await setup([{ files: FILES, chunkDelayMs: 400 }, { files: FILES }], { timeoutMs: 150 });
    expect((await run()).files).toEqual(FILES);
    expect(fake.requests).toHaveLength(2);
  });

  it("retries a request whose response does not start within the timeout", async () => {
    const { fake, progress, run } = await setup([{ files: FILES, delayMs: 1_000 }, { files: FILES }], {
      timeoutMs: 150,
    });
    expect((await run()).files).toEqual(FILES);
    expect(fake.requests).toHaveLength(2);
    expect(progress).toContain("claude: connection timed out, retrying (4 attempts left)");
  });

  it("cancels a waiting request when the signal aborts", async () => {
    const { fake, run } = await setup([{ files: FILES, delayMs: 5_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(run({ signal: controller.signal }));
    expect(error.name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.requests).toHaveLength(1);
  });

  it("cancels a running stream and does not start an aborted one", async () => {
    const { fake, run } = await setup([{ files: FILES, chunkDelayMs: 200 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("build cancelled")), 300);
    expect((await failure(run({ signal: controller.signal }))).message).toBe("build cancelled");
    expect((await failure(run({ signal: controller.signal }))).message).toBe("build cancelled");
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses to start without a key", () => {
    expect(() => createAnthropicGenerator({ apiKey: "" })).toThrow("ANTHROPIC_API_KEY is not set");
  });
});
