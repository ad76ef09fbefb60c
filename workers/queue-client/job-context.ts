import type { JobEventOf, JobKindName, JobPayload, JobResult } from "../../contracts/jobs";
import { WorkerApiError, type ClaimedJob, type WorkerApiClient } from "./api-client";

export interface JobContext<K extends JobKindName = JobKindName> {
  job: ClaimedJob;
  /** The job's payload, parsed with its kind's schema from contracts/jobs. */
  payload: JobPayload<K>;
  /** Aborted when the user cancels, the lease is lost or the worker shuts down. */
  signal: AbortSignal;
  emit<E extends JobEventOf<K>>(type: E["type"], data: E["data"], nodeId?: string): void;
  log(line: string, nodeId?: string): void;
  /** The worker API, for stages that fetch config or upload artifacts. */
  api: WorkerApiClient;
}

/** Resolves with the job's result; throwing fails the job (see RetryableJobError). */
export type JobHandler<K extends JobKindName = JobKindName> = (ctx: JobContext<K>) => Promise<JobResult<K>>;

export type JobHandlers = { [K in JobKindName]?: JobHandler<K> };

/**
 * A failure another attempt may fix: a killed tool, a 5xx from the model API, a lost connection.
 * Every other error is final at once (a compile error, an image that does not fit).
 */
export class RetryableJobError extends Error {
  override readonly name = "RetryableJobError";
}

/**
 * Infrastructure faults may pass on another attempt: a RetryableJobError, any error that says so itself
 * (the model API's 5xx/overloaded after the SDK's own retries: AnthropicRequestError.retryable), and
 * worker API outages. Everything else (a compile error, an image that does not fit) is final.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableJobError) return true;
  if (error instanceof WorkerApiError) return error.status >= 500;
  return typeof error === "object" && error !== null && (error as { retryable?: unknown }).retryable === true;
}
