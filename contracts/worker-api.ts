/**
 * The HTTP API between the app and its workers (`POST /api/worker/...`), both sides typed from here.
 * `register` is the only call made with the shared WORKER_TOKEN; it issues the worker its own
 * credential, and every later call is made with that credential, which names the worker. No body
 * carries a worker id: a worker cannot act as another.
 */
import { z } from "zod";
import { artifactUploadSchema, sha256Schema, storedArtifactSchema } from "./artifacts";
import { firmwareFileSchema } from "./firmware";

/** Worker API bodies are capped before they are read: the biggest is a firmware image upload. */
export const WORKER_API_MAX_BODY_BYTES = 16 * 1024 * 1024;

export const capabilityInfoSchema = z.object({
  name: z.string().min(1).max(64),
  version: z.string().max(200),
  path: z.string().max(500).optional(),
});
export type CapabilityInfo = z.infer<typeof capabilityInfoSchema>;

export const registerBody = z.object({
  name: z.string().min(1).max(120),
  slots: z.number().int().min(1).max(64),
  capabilities: z.array(capabilityInfoSchema).max(64),
  kinds: z.array(z.string().max(64)).max(64),
});
export type RegisterBody = z.infer<typeof registerBody>;
export interface RegisterAnswer {
  workerId: string;
  /** Bearer credential for every later call; shown once, stored only as a hash. */
  credential: string;
  leaseMs: number;
  heartbeatMs: number;
}

export const claimBody = z.object({
  kinds: z.array(z.string().max(64)).max(64),
  waitMs: z.number().int().min(0).max(60_000),
});
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempt: number;
}

export const eventsBody = z.object({
  events: z
    .array(
      z.object({
        type: z.string().min(1).max(64),
        nodeId: z.string().max(80).nullish(),
        data: z.json().optional(),
      }),
    )
    .max(1000),
});
export type OutgoingEvent = z.infer<typeof eventsBody>["events"][number];

export const completeBody = z.object({
  status: z.enum(["succeeded", "failed", "cancelled"]),
  result: z.json().optional(),
  error: z.string().max(20_000).optional(),
  /**
   * A failure that may pass on another attempt (a crashed tool, a 5xx from the model API) goes back to
   * the queue with backoff until maxAttempts; any other failure (a compile error, an image that does
   * not fit) is final at once.
   */
  retryable: z.boolean().optional(),
});
export type CompleteBody = z.infer<typeof completeBody>;

export const emptyBody = z.object({});

export const firmwareBody = z.object({
  files: z.array(firmwareFileSchema).max(64),
  generator: z.string().max(120),
});

export const artifactsBody = z.object({ artifacts: z.array(artifactUploadSchema).max(16) });
export const artifactsAnswer = z.object({ artifacts: z.array(storedArtifactSchema) });

export const cacheLookupBody = z.object({ key: sha256Schema });
export const cacheStoreBody = z.object({
  key: sha256Schema,
  memory: z.json(),
  artifacts: z.record(z.string(), sha256Schema),
  toolchain: z.string().max(200),
});
export interface CacheHit {
  memory: unknown;
  artifacts: Record<string, string>;
}

/** A firmware image of the build a simulation runs (the lease holder only). */
export const imageBody = z.object({ sha256: sha256Schema });

/**
 * A deploy job's run (the lease holder only): the credentials go to terraform's environment, the variables to
 * terraform.tfvars.json; state and the saved plan are base64 of the bytes the last run returned.
 */
export interface DeployConfig {
  credentials: Record<string, string>;
  variables: Record<string, unknown>;
  state: string | null;
  plan: string | null;
}

const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64");

/** What a deploy run left behind, sent after every run (a failed or cancelled one included: the state is kept). */
export const deployReportBody = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    state: base64Schema.nullable(),
    /** plan only: the saved plan and its redacted text. */
    plan: base64Schema.optional(),
    planText: z.string().max(4_000_000).optional(),
    changes: z.boolean().optional(),
    /** apply only: the module's public outputs. */
    outputs: z.record(z.string(), z.json()).optional(),
  }),
  z.object({
    ok: z.literal(false),
    state: base64Schema.nullable(),
    step: z.string().max(32),
    /** Terraform's own error text, redacted. */
    error: z.string().max(20_000),
    cancelled: z.boolean().optional(),
  }),
]);
export type DeployReport = z.infer<typeof deployReportBody>;
