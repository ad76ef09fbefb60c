import { z } from "zod";
import { defineJobKind } from "./define";
import { logEvent } from "./events";

const toolReport = z.object({
  name: z.string(),
  command: z.string(),
  ok: z.boolean(),
  version: z.string(),
  durationMs: z.number(),
});

/** Runs every tool's version command on whichever worker claims it: proves the queue end to end. */
export const diagnosticsJob = defineJobKind({
  payload: z.object({}),
  result: z.object({ tools: z.array(toolReport) }),
  event: z.discriminatedUnion("type", [logEvent, z.object({ type: z.literal("tool"), data: toolReport })]),
  requires: () => [],
  maxAttempts: 1,
});
