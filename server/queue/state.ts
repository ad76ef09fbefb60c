/** Job life cycle, kept pure so the rules are unit-tested apart from SQL. */
export const jobStatuses = ["queued", "active", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof jobStatuses)[number];

const allowed: Record<JobStatus, readonly JobStatus[]> = {
  // failed: no online worker could serve it for the grace period
  queued: ["active", "cancelled", "failed"],
  // back to queued: lease lost, released by a stopping worker, or a retryable failure with attempts left
  active: ["succeeded", "failed", "cancelled", "queued"],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return allowed[from].includes(to);
}

export function isTerminal(status: JobStatus): boolean {
  return allowed[status].length === 0;
}

export const DEFAULT_LEASE_MS = 30_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/** Exponential backoff before attempt `attempts + 1`: 1 s, 2 s, 4 s … capped at a minute. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export type LeaseExpiryOutcome =
  { status: "queued"; runAfter: Date } | { status: "failed"; error: string } | { status: "cancelled" };

/** What happens to an active job whose worker stopped renewing its lease. */
export function afterLeaseExpired(
  job: { attempts: number; maxAttempts: number; cancelRequested: boolean },
  now: Date,
): LeaseExpiryOutcome {
  if (job.cancelRequested) return { status: "cancelled" };
  if (job.attempts >= job.maxAttempts) {
    return {
      status: "failed",
      error: `The worker running this job stopped responding on each of ${job.maxAttempts} attempt(s).`,
    };
  }
  return { status: "queued", runAfter: new Date(now.getTime() + backoffMs(job.attempts)) };
}

export type FailureOutcome = { status: "queued"; runAfter: Date } | { status: "failed" } | { status: "cancelled" };

/**
 * What a handler's failure does: a retryable one (infrastructure: a killed tool, a 5xx from the model
 * API) goes back to the queue with backoff while attempts remain; a permanent one (a compile error, an
 * image that does not fit) fails at once, so maxAttempts means what it says in pg-boss.
 */
export function afterFailure(
  job: { attempts: number; maxAttempts: number; cancelRequested: boolean },
  retryable: boolean,
  now: Date,
): FailureOutcome {
  if (job.cancelRequested) return { status: "cancelled" };
  if (!retryable || job.attempts >= job.maxAttempts) return { status: "failed" };
  return { status: "queued", runAfter: new Date(now.getTime() + backoffMs(job.attempts)) };
}

export function leaseMsFromEnv(): number {
  const value = Number(process.env.QUEUE_LEASE_MS);
  return Number.isFinite(value) && value >= 200 ? value : DEFAULT_LEASE_MS;
}
