import type { z } from "zod";
import { buildNodeJob } from "./build-node";
import { deployJob } from "./deploy";
import { diagnosticsJob } from "./diagnostics";
import { selftestSleepJob } from "./selftest";
import { simulateSwarmJob } from "./simulate-swarm";

/** Every job kind there is. An enqueue and the worker's handler are both typed from this one table. */
export const jobKinds = {
  diagnostics: diagnosticsJob,
  "build-node": buildNodeJob,
  "simulate-swarm": simulateSwarmJob,
  deploy: deployJob,
  "selftest.sleep": selftestSleepJob,
};

export type JobKindName = keyof typeof jobKinds;
export type JobPayload<K extends JobKindName> = z.infer<(typeof jobKinds)[K]["payload"]>;
export type JobPayloadInput<K extends JobKindName> = z.input<(typeof jobKinds)[K]["payload"]>;
export type JobResult<K extends JobKindName> = z.infer<(typeof jobKinds)[K]["result"]>;
export type JobEventOf<K extends JobKindName> = z.infer<(typeof jobKinds)[K]["event"]>;

export function isJobKind(kind: string): kind is JobKindName {
  return Object.hasOwn(jobKinds, kind);
}

export { lifecycleEventTypes } from "./define";
