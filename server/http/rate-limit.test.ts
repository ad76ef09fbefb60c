import { describe, expect, it } from "vitest";
import { AppError } from "../../contracts/errors";
import {
  buildUsesModel,
  limitDesignParse,
  OwnerRateLimits,
  parseBucketSettings,
  TokenBucketLimiter,
} from "./rate-limit";

/** A clock the test moves by hand. */
function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function refusal(run: () => void): AppError | null {
  try {
    run();
    return null;
  } catch (error) {
    return error as AppError;
  }
}

describe("TokenBucketLimiter", () => {
  it("allows a burst, then one more per refill interval, per key", () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ burst: 3, windowMs: 60_000 }, time.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.waitMs("alice")).toBe(0);
      limiter.take("alice");
    }
    expect(limiter.waitMs("alice")).toBe(20_000);
    expect(limiter.waitMs("bob")).toBe(0);
    time.advance(15_000);
    expect(limiter.waitMs("alice")).toBe(5_000);
    time.advance(5_000);
    expect(limiter.waitMs("alice")).toBe(0);
    limiter.take("alice");
    expect(limiter.waitMs("alice")).toBe(20_000);
    // A long pause fills the bucket only up to the burst.
    time.advance(10 * 60_000);
    for (let i = 0; i < 3; i++) limiter.take("alice");
    expect(limiter.waitMs("alice")).toBeGreaterThan(0);
  });
});

describe("OwnerRateLimits", () => {
  it("refuses with TOO_MANY_REQUESTS and when to retry, per owner and per kind", () => {
    const time = clock();
    const limits = new OwnerRateLimits({ RATE_LIMIT_BUILDS: "2/1m", RATE_LIMIT_MODEL_CALLS: "1/10m" }, time.now);
    limits.take("alice", ["builds"]);
    limits.take("alice", ["builds"]);
    const refused = refusal(() => limits.take("alice", ["builds"]));
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", message: "Too many builds: try again in 30 s." });
    expect(refusal(() => limits.take("bob", ["builds"]))).toBeNull();
    expect(refusal(() => limits.take("alice", ["simulations"]))).toBeNull();

    limits.take("carol", ["modelCalls"]);
    expect(refusal(() => limits.take("carol", ["modelCalls"]))?.message).toBe(
      "Too many model calls: try again in 10 min.",
    );
  });

  it("spends nothing when one of the kinds refuses", () => {
    const time = clock();
    const limits = new OwnerRateLimits({ RATE_LIMIT_BUILDS: "1/1m", RATE_LIMIT_MODEL_CALLS: "1/1m" }, time.now);
    limits.take("alice", ["modelCalls"]);
    expect(refusal(() => limits.take("alice", ["builds", "modelCalls"]))?.message).toMatch(/model calls/);
    expect(refusal(() => limits.take("alice", ["builds"]))).toBeNull();
  });

  it("can be turned off, and names a malformed setting", () => {
    const limits = new OwnerRateLimits({ RATE_LIMIT_SIMULATIONS: "off" });
    for (let i = 0; i < 500; i++) limits.take("alice", ["simulations"]);
    expect(() => parseBucketSettings("RATE_LIMIT_BUILDS", "lots")).toThrow(
      'RATE_LIMIT_BUILDS="lots" is not a rate limit: write requests/period, e.g. "20/10m" (s, m or h), or "off".',
    );
    expect(() => parseBucketSettings("RATE_LIMIT_BUILDS", "0/1m")).toThrow(/is not a rate limit/);
    expect(parseBucketSettings("X", "5/2h")).toEqual({ burst: 5, windowMs: 7_200_000 });
  });
});

describe("buildUsesModel", () => {
  it("counts anthropic builds, and auto builds only when a key is set", () => {
    expect(buildUsesModel("anthropic", {})).toBe(true);
    expect(buildUsesModel("templates", { ANTHROPIC_API_KEY: "k" })).toBe(false);
    expect(buildUsesModel(undefined, { ANTHROPIC_API_KEY: "k" })).toBe(true);
    expect(buildUsesModel("auto", { ANTHROPIC_API_KEY: " " })).toBe(false);
  });
});

describe("limitDesignParse", () => {
  it("spends a model call only when Claude will be asked", () => {
    const limits = globalThis as { swarmRateLimits?: OwnerRateLimits };
    limits.swarmRateLimits = new OwnerRateLimits({ RATE_LIMIT_MODEL_CALLS: "1/1m" });
    try {
      for (let i = 0; i < 5; i++) limitDesignParse("alice", {});
      limitDesignParse("alice", { ANTHROPIC_API_KEY: "key" });
      expect(refusal(() => limitDesignParse("alice", { ANTHROPIC_API_KEY: "key" }))?.code).toBe("TOO_MANY_REQUESTS");
    } finally {
      limits.swarmRateLimits = undefined;
    }
  });
});
