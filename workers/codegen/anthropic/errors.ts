import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "@anthropic-ai/sdk";

/**
 * Claude answered, but not with usable firmware (no write_firmware call, invalid JSON, wrong shape,
 * cut off at max_tokens). The build loop may ask again; the message says what was wrong.
 */
export class GeneratorOutputError extends Error {
  override readonly name = "GeneratorOutputError";
}

/**
 * The Messages API request failed after the SDK's retries (or at once, for a bad key). `retryable`
 * tells the caller whether trying again later can help: a rejected key or a bad request cannot.
 */
export class AnthropicRequestError extends Error {
  override readonly name = "AnthropicRequestError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A failure after the response started streaming, which the SDK does not retry by itself. */
export class BrokenStreamError extends Error {}

export interface ErrorContext {
  model: string;
  maxRetries: number;
  timeoutMs: number;
  /** Whole-stream attempts made so far. */
  attempts: number;
  /** Removes the API key from any text, in case a message ever echoes it. */
  redact: (text: string) => string;
}

/** Turns an SDK error into one sentence a person can act on; the key itself never appears. */
export function toRequestError(error: unknown, ctx: ErrorContext): AnthropicRequestError {
  const [message, status, retryable] = describe(error, ctx);
  return new AnthropicRequestError(ctx.redact(message), status, retryable);
}

function describe(error: unknown, ctx: ErrorContext): [string, number | undefined, boolean] {
  const retries = `after ${ctx.maxRetries} retries`;
  const apiMessage = error instanceof APIError ? (error.apiMessage ?? error.message) : String(error);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return [`Anthropic rejected the API key (${error.status}): check ANTHROPIC_API_KEY`, error.status, false];
  }
  if (error instanceof RateLimitError) return [`Anthropic rate limit (429) ${retries}: ${apiMessage}`, 429, true];
  if (error instanceof InternalServerError) {
    const what = error.status === 529 ? "is overloaded" : "had a server error";
    return [`Anthropic ${what} (${error.status}) ${retries}: ${apiMessage}`, error.status, true];
  }
  if (error instanceof NotFoundError) {
    const hint = `model "${ctx.model}" may not exist for this key: set ANTHROPIC_MODEL`;
    return [`Anthropic answered 404 (${apiMessage}): ${hint}`, 404, false];
  }
  if (error instanceof BadRequestError) return [`Anthropic refused the request (400): ${apiMessage}`, 400, false];
  if (error instanceof APIConnectionTimeoutError) {
    return [`Anthropic did not answer within ${Math.round(ctx.timeoutMs / 1000)} s ${retries}`, undefined, true];
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return [`could not reach the Anthropic API ${retries}${cause}`, undefined, true];
  }
  if (error instanceof BrokenStreamError) {
    return [`Claude's stream broke ${ctx.attempts} times, last: ${error.message}`, undefined, true];
  }
  if (error instanceof APIError && error.status) {
    return [`Anthropic API error (${error.status}): ${apiMessage}`, error.status, error.status >= 500];
  }
  return [`Anthropic request failed: ${error instanceof Error ? error.message : String(error)}`, undefined, false];
}
