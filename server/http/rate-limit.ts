import { AppError } from "../../contracts/errors";

/**
 * Per-owner rate limits on what costs real money or machine time: model calls, builds, simulations.
 * Token buckets held in memory by each app instance: with several instances behind a load balancer an
 * owner gets each instance's allowance (a shared store would be needed to make it global).
 */

export interface BucketSettings {
  /** Most requests at once (a full bucket). */
  burst: number;
  /** Time for an empty bucket to fill again, so the sustained rate is `burst` per `windowMs`. */
  windowMs: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly settings: BucketSettings | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may go again; 0 when it may go now. */
  waitMs(key: string): number {
    if (!this.settings) return 0;
    const tokens = this.refill(key);
    if (tokens >= 1) return 0;
    return Math.ceil(((1 - tokens) * this.settings.windowMs) / this.settings.burst);
  }

  take(key: string): void {
    if (!this.settings) return;
    this.buckets.set(key, { tokens: this.refill(key) - 1, at: this.now() });
    // Full buckets carry no information: forget them so the map only holds active owners.
    if (this.buckets.size > 10_000) this.sweep();
  }

  private refill(key: string): number {
    const { burst, windowMs } = this.settings!;
    const bucket = this.buckets.get(key);
    if (!bucket) return burst;
    return Math.min(burst, bucket.tokens + ((this.now() - bucket.at) * burst) / windowMs);
  }

  private sweep() {
    for (const key of [...this.buckets.keys()]) if (this.refill(key) >= this.settings!.burst) this.buckets.delete(key);
  }
}

/** "20/10m": 20 at once, refilled over 10 minutes. "off" disables the limit. */
export function parseBucketSettings(name: string, value: string): BucketSettings | null {
  if (value.trim() === "off") return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*(s|m|h)\s*$/.exec(value);
  const burst = Number(match?.[1]);
  const span = Number(match?.[2]);
  if (!match || burst < 1 || span < 1) {
    throw new Error(
      `${name}="${value}" is not a rate limit: write requests/period, e.g. "20/10m" (s, m or h), or "off".`,
    );
  }
  return { burst, windowMs: span * { s: 1_000, m: 60_000, h: 3_600_000 }[match[3] as "s" | "m" | "h"] };
}

export const rateLimitDefaults = {
  modelCalls: { env: "RATE_LIMIT_MODEL_CALLS", value: "20/10m", noun: "model calls" },
  builds: { env: "RATE_LIMIT_BUILDS", value: "60/10m", noun: "builds" },
  simulations: { env: "RATE_LIMIT_SIMULATIONS", value: "60/10m", noun: "simulations" },
} as const;

export type RateLimitKind = keyof typeof rateLimitDefaults;

export class OwnerRateLimits {
  private readonly limiters: Record<RateLimitKind, TokenBucketLimiter>;

  constructor(env: Record<string, string | undefined> = process.env, now: () => number = Date.now) {
    const limiter = ({ env: name, value }: (typeof rateLimitDefaults)[RateLimitKind]) =>
      new TokenBucketLimiter(parseBucketSettings(name, env[name] ?? value), now);
    this.limiters = {
      modelCalls: limiter(rateLimitDefaults.modelCalls),
      builds: limiter(rateLimitDefaults.builds),
      simulations: limiter(rateLimitDefaults.simulations),
    };
  }

  /**
   * Takes one of each kind for the owner, or none: refuses with TOO_MANY_REQUESTS saying when to retry
   * if any kind is used up (so a refused build does not also spend a model call).
   */
  take(ownerId: string, kinds: RateLimitKind[]): void {
    for (const kind of kinds) {
      const waitMs = this.limiters[kind].waitMs(ownerId);
      if (waitMs > 0) {
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `Too many ${rateLimitDefaults[kind].noun}: try again in ${formatWait(waitMs)}.`,
        );
      }
    }
    for (const kind of kinds) this.limiters[kind].take(ownerId);
  }
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

const globalLimits = globalThis as { swarmRateLimits?: OwnerRateLimits };

/** This instance's limits, read from the environment on first use. */
export function ownerRateLimits(): OwnerRateLimits {
  globalLimits.swarmRateLimits ??= new OwnerRateLimits();
  return globalLimits.swarmRateLimits;
}

/**
 * Whether a build of this generator choice calls the model: "anthropic" always; "auto" when a key is
 * configured (workers started beside the app share its environment).
 */
export function buildUsesModel(generator: string | undefined, env: Record<string, string | undefined> = process.env) {
  const choice = generator ?? "auto";
  return choice === "anthropic" || (choice === "auto" && Boolean(env.ANTHROPIC_API_KEY?.trim()));
}

/** design.parse spends a model call only when it will ask Claude (a key is set); the phrase parser is free. */
export function limitDesignParse(ownerId: string, env: Record<string, string | undefined> = process.env): void {
  if (env.ANTHROPIC_API_KEY?.trim()) ownerRateLimits().take(ownerId, ["modelCalls"]);
}
