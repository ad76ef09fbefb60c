import { z } from "zod";
import { defineJobKind } from "./define";
import { logEvent } from "./events";

/** Targets a deploy job runs through Terraform (the local target needs no job). */
export const terraformDeployTargets = ["aws"] as const;
export type TerraformDeployTarget = (typeof terraformDeployTargets)[number];
export const deployActions = ["plan", "apply", "destroy"] as const;
export type DeployAction = (typeof deployActions)[number];

/**
 * What the app puts in a `deploy` job: which deployment and what to do. Credentials, variables, state and the
 * saved plan are fetched by the lease holder through the worker API, never carried in the payload.
 */
export const deployPayloadSchema = z.object({
  projectId: z.string(),
  deploymentId: z.string(),
  action: z.enum(deployActions),
  target: z.enum(terraformDeployTargets),
});
export type DeployPayload = z.infer<typeof deployPayloadSchema>;

/** What a deployed swarm server's outputs are (the AWS module's): where the nodes and the app find it. */
export const awsOutputsSchema = z.object({
  server_ip: z.string().min(1),
  server_url: z.string().url(),
  mqtt_host: z.string().min(1),
  mqtt_port: z.number().int().positive(),
  mqtt_ws_url: z.string().url(),
  swarm_id: z.string().min(1),
});
export type AwsDeployOutputs = z.infer<typeof awsOutputsSchema>;

export const terraformSteps = ["init", "plan", "show", "apply", "output", "destroy"] as const;

const stepEvent = z.object({
  type: z.literal("step"),
  data: z.object({
    step: z.enum(terraformSteps),
    status: z.enum(["started", "succeeded", "failed"]),
    durationMs: z.number().optional(),
    /** Terraform's own error text, redacted. */
    error: z.string().optional(),
  }),
});

export const deployEventSchema = z.discriminatedUnion("type", [
  logEvent,
  stepEvent,
  /** The saved plan, redacted, for the person approving it; summary is terraform's "Plan: ..." line. */
  z.object({
    type: z.literal("plan"),
    data: z.object({ changes: z.boolean(), summary: z.string().nullable(), planText: z.string() }),
  }),
  /** The module's public outputs after an apply (sensitive outputs are never read into them). */
  z.object({ type: z.literal("outputs"), data: z.object({ outputs: z.record(z.string(), z.unknown()) }) }),
]);
export type DeployJobEvent = z.infer<typeof deployEventSchema>;

export const deployResultSchema = z.object({
  action: z.enum(deployActions),
  /** plan: whether applying it would change anything. */
  changes: z.boolean().optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});
export type DeployJobResult = z.infer<typeof deployResultSchema>;

/** One Terraform run of a deployment on a worker with terraform: plan for approval, apply that plan, or destroy. */
export const deployJob = defineJobKind({
  payload: deployPayloadSchema,
  result: deployResultSchema,
  event: deployEventSchema,
  requires: () => ["terraform"],
  // Never retried blindly: a second apply or destroy after a lost worker must be a person's decision.
  maxAttempts: 1,
});
