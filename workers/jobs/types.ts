import type { ClaimedJob, WorkerApiClient } from "../api-client";

export interface JobContext {
  job: ClaimedJob;
  /** Aborted when the user cancels, the lease is lost or the worker shuts down. */
  signal: AbortSignal;
  emit(type: string, data?: unknown, nodeId?: string): void;
  log(line: string, nodeId?: string): void;
  /** The worker API, for pipelines that fetch config or upload artifacts. */
  api: WorkerApiClient;
}

/** Resolves with the job's result (JSON); throwing fails the job with the error's message. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;
