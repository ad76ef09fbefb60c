import Anthropic, { APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import type { Message } from "@anthropic-ai/sdk/resources/messages";

import type { FirmwareGenerator, GenerateInput, GenerateResult, TokenUsage } from "../types";
import { AnthropicRequestError, BrokenStreamError, GeneratorOutputError, toRequestError } from "./errors";
import { createProgress, sdkLogger, type Progress } from "./progress";
import { buildPrompt } from "./prompt";
import { parseWriteFirmwareInput, TOOL_NAME, validateWriteFirmwareInput } from "./tool";

export interface AnthropicGeneratorOptions {
  apiKey: string;
  /** Default: env ANTHROPIC_MODEL, else DEFAULT_MODEL. */
  model?: string;
  baseURL?: string;
  /** Output budget per answer; a full ESP-IDF project with comments needs well over 8k. */
  maxTokens?: number;
  /** Per attempt: the longest wait for the response to start, and the longest silence inside the stream. */
  timeoutMs?: number;
  /** Retries of 429/5xx/529/timeouts (the SDK's, honouring retry-after), and of streams that break midway. */
  maxRetries?: number;
  /** First backoff step for a stream that broke midway (the SDK does not retry once a stream has started). */
  retryBaseMs?: number;
}

/** The newest Sonnet in @anthropic-ai/sdk 1.12's model list. */
export const DEFAULT_MODEL = "claude-sonnet-5-5";

export function createAnthropicGenerator(options: AnthropicGeneratorOptions): FirmwareGenerator {
  if (!options.apiKey) {
    throw new AnthropicRequestError("ANTHROPIC_API_KEY is not set: the anthropic generator needs it", undefined, false);
  }
  const model = options.model || process.env.ANTHROPIC_MODEL || DEFAULT_MODEL;
  const settings = {
    apiKey: options.apiKey,
    model,
    baseURL: options.baseURL,
    maxTokens: options.maxTokens ?? 32_000,
    timeoutMs: options.timeoutMs ?? 120_000,
    // The worker passes env strings through Number(); a typo must not reach the SDK as NaN.
    maxRetries: Number.isInteger(options.maxRetries) && options.maxRetries! >= 0 ? options.maxRetries! : 4,
    retryBaseMs: options.retryBaseMs ?? 1_000,
  };
  return { name: "anthropic", generate: (input) => generate(settings, input) };
}

type Settings = Required<Omit<AnthropicGeneratorOptions, "baseURL">> & { baseURL?: string };

async function generate(settings: Settings, input: GenerateInput): Promise<GenerateResult> {
  const redact = (text: string) => text.split(settings.apiKey).join("[redacted]");
  const progress = createProgress(input.onProgress, redact);
  // One client per generation so the SDK's retry log lines reach this generation's build log.
  const client = new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    logger: sdkLogger(progress),
    logLevel: "info",
  });
  progress.now(`claude: asking ${settings.model} for node ${input.node.id} (iteration ${input.iteration})`);
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(input.signal);
    const outcome = await streamOnce(client, settings, input, progress).catch((error: unknown) => ({ error }));
    if (!("error" in outcome)) return outcome;
    const { error } = outcome;
    throwIfAborted(input.signal);
    if (error instanceof GeneratorOutputError) throw new GeneratorOutputError(redact(error.message));
    if (error instanceof BrokenStreamError && attempt < settings.maxRetries) {
      const delay = Math.min(settings.retryBaseMs * 2 ** attempt, 16_000) * (1 - Math.random() * 0.25);
      progress.now(`claude: stream broke (${error.message}), retrying in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, input.signal);
      continue;
    }
    throw toRequestError(error, { ...settings, attempts: attempt + 1, redact });
  }
}

async function streamOnce(
  client: Anthropic,
  settings: Settings,
  input: GenerateInput,
  progress: Progress,
): Promise<GenerateResult> {
  const prompt = buildPrompt(input);
  const stream = client.messages.stream(
    {
      model: settings.model,
      max_tokens: settings.maxTokens,
      system: prompt.system,
      messages: prompt.messages,
      tools: prompt.tools,
      tool_choice: { type: "tool", name: TOOL_NAME },
    },
    { signal: input.signal },
  );
  // The SDK's timeout ends when the response headers arrive; this one watches the stream itself.
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let stalled = false;
  let connected = false;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      stalled = true;
      stream.abort();
    }, settings.timeoutMs);
  };
  let toolIndex: number | undefined;
  let json = "";
  let outputChars = 0;
  stream.on("connect", () => {
    connected = true;
    arm();
  });
  stream.on("streamEvent", (event) => {
    arm();
    if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
      if (event.content_block.name === TOOL_NAME && toolIndex === undefined) toolIndex = event.index;
    } else if (event.type === "content_block_delta") {
      const delta = event.delta;
      if (delta.type === "input_json_delta") {
        outputChars += delta.partial_json.length;
        if (event.index === toolIndex) json += delta.partial_json;
      } else if (delta.type === "text_delta") {
        outputChars += delta.text.length;
      }
      // Output tokens are only counted at the end; about 4 characters per token is close enough for a progress line.
      progress.throttled(`claude: ~${Math.round(outputChars / 4).toLocaleString("en-US")} output tokens`);
    }
  });
  let message: Message;
  try {
    message = await stream.finalMessage();
  } catch (error) {
    if (stalled) throw new BrokenStreamError(`no data for ${Math.round(settings.timeoutMs / 1000)} s`);
    // The SDK parses tool input leniently and fails on broken JSON with a bare parse error: say what it was.
    if (toolIndex !== undefined && !(error instanceof APIError)) parseWriteFirmwareInput(json);
    if (connected && !(error instanceof APIUserAbortError) && !(error instanceof APIError && error.status)) {
      throw new BrokenStreamError(error instanceof APIError && error.type ? error.type : (error as Error).message);
    }
    throw error;
  } finally {
    clearTimeout(watchdog);
  }
  return readAnswer(message, json, settings, progress);
}

function readAnswer(message: Message, json: string, settings: Settings, progress: Progress): GenerateResult {
  if (message.stop_reason === "max_tokens") {
    throw new GeneratorOutputError(
      `Claude's answer was cut off at max_tokens (${settings.maxTokens}) before write_firmware was complete`,
    );
  }
  if (message.stop_reason === "refusal")
    throw new GeneratorOutputError("Claude declined to write this firmware (refusal)");
  const call = message.content.find((block) => block.type === "tool_use" && block.name === TOOL_NAME);
  if (!call || call.type !== "tool_use") {
    const text = message.content
      .flatMap((block) => (block.type === "text" ? [block.text] : []))
      .join(" ")
      .trim();
    const said = text ? `; it said: "${text.replace(/\s+/g, " ").slice(0, 200)}"` : "";
    throw new GeneratorOutputError(
      `Claude's answer had no ${TOOL_NAME} call (stop_reason ${message.stop_reason})${said}`,
    );
  }
  const { files, notes } = json !== "" ? parseWriteFirmwareInput(json) : validateWriteFirmwareInput(call.input);
  const usage: TokenUsage = {
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    cacheReadInputTokens: message.usage.cache_read_input_tokens ?? 0,
    cacheCreationInputTokens: message.usage.cache_creation_input_tokens ?? 0,
  };
  const fmt = (n: number) => n.toLocaleString("en-US");
  progress.now(
    `claude: ${files.length} file${files.length === 1 ? "" : "s"}, ${fmt(usage.outputTokens)} output tokens, ` +
      `${fmt(usage.inputTokens)} input tokens (+${fmt(usage.cacheReadInputTokens)} from cache, ` +
      `${fmt(usage.cacheCreationInputTokens)} written to cache)`,
  );
  if (notes?.trim()) progress.now(`claude notes: ${notes.trim().replace(/\s+/g, " ").slice(0, 300)}`);
  return { files, usage, generator: `anthropic:${settings.model}` };
}

function throwIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw signal.reason ?? new DOMException("The generation was aborted", "AbortError");
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException("The generation was aborted", "AbortError"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
