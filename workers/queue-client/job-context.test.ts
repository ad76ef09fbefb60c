import { describe, expect, it } from "vitest";
import { AnthropicRequestError } from "../codegen/anthropic/errors";
import { WorkerApiError } from "./api-client";
import { isRetryable, RetryableJobError } from "./job-context";

describe("isRetryable", () => {
  it("retries infrastructure faults and nothing else", () => {
    expect(isRetryable(new RetryableJobError("tool killed"))).toBe(true);
    expect(isRetryable(new AnthropicRequestError("Anthropic is overloaded (529)", 529, true))).toBe(true);
    expect(isRetryable(new WorkerApiError(503, "UNAVAILABLE", "app restarting"))).toBe(true);
    expect(isRetryable(new AnthropicRequestError("bad key", 401, false))).toBe(false);
    expect(isRetryable(new WorkerApiError(409, "CONFLICT", "lease lost"))).toBe(false);
    expect(isRetryable(new Error("main.c:3: error: expected ';'"))).toBe(false);
  });
});
