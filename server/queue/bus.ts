import { EventEmitter } from "node:events";

/**
 * In-process wake-ups: a claim long-poll wakes when a job is enqueued, a subscription when its job
 * gets events. Other processes (more app instances on PostgreSQL) are covered by short re-checks.
 */
const globalForBus = globalThis as unknown as { swarmQueueBus?: EventEmitter };
const bus = (globalForBus.swarmQueueBus ??= new EventEmitter().setMaxListeners(0));

export const JOB_ENQUEUED = "job-enqueued";
export const jobChanged = (jobId: string) => `job:${jobId}`;

export function notify(topic: string): void {
  bus.emit(topic);
}

/** Resolves when `topic` is notified, after `timeoutMs`, or when `signal` aborts; never rejects. */
export function waitFor(topic: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      bus.off(topic, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    bus.once(topic, done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
