import type { z } from "zod";
import type { Capability } from "../../boards/schema";

/**
 * One kind of job, declared once for both sides: the app enqueues a payload of this shape, the
 * worker's handler receives it parsed, emits these events and returns this result. The app derives
 * what a worker needs (capabilities) from the payload, so an enqueue cannot ask for the wrong thing.
 */
export interface JobKind<
  Payload extends z.ZodType,
  Result extends z.ZodType,
  Event extends z.ZodType<{ type: string; data: unknown }>,
> {
  payload: Payload;
  result: Result;
  /** Events the handler emits (the queue's own lifecycle events come on top, see lifecycleEventTypes). */
  event: Event;
  requires(payload: z.infer<Payload>): Capability[];
  /** Attempts before a retryable failure or a lost worker ends the job as failed. */
  maxAttempts: number;
}

export function defineJobKind<
  Payload extends z.ZodType,
  Result extends z.ZodType,
  Event extends z.ZodType<{ type: string; data: unknown }>,
>(kind: JobKind<Payload, Result, Event>): JobKind<Payload, Result, Event> {
  return kind;
}

/** Events the queue itself writes for every kind. */
export const lifecycleEventTypes = [
  "queued",
  "claimed",
  "retrying",
  "lease-expired",
  "released",
  "cancel-requested",
  "succeeded",
  "failed",
  "cancelled",
] as const;
