import { z } from "zod";
import { defineJobKind } from "./define";
import { logEvent } from "./events";

/** Queue self-test (integration tests, bench/queue): sleeps `ms`, reporting which process ran which attempt. */
export const selftestSleepJob = defineJobKind({
  payload: z.object({ ms: z.number().int().min(0).max(600_000).default(0) }),
  result: z.object({ pid: z.number(), sleptMs: z.number() }),
  event: z.discriminatedUnion("type", [
    logEvent,
    z.object({ type: z.literal("run"), data: z.object({ pid: z.number(), attempt: z.number() }) }),
  ]),
  requires: () => [],
  maxAttempts: 3,
});
