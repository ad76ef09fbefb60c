import { z } from "zod";
import { getBoard } from "../../boards";
import { artifactKinds, sha256Schema } from "../artifacts";
import { firmwareFilesSchema } from "../firmware";
import { systemSpecSchema } from "../spec/schema";
import { defineJobKind } from "./define";
import { logEvent } from "./events";

export const generatorChoices = ["auto", "templates", "anthropic"] as const;

export const memoryUseSchema = z.object({
  /** Bytes the image occupies in flash: text + data (+ any other loadable read-only sections). */
  flash: z.number().int().nonnegative(),
  /** Bytes of statically allocated RAM: data + bss (+ noinit). */
  ram: z.number().int().nonnegative(),
  flashBudget: z.number().int().nonnegative(),
  ramBudget: z.number().int().nonnegative(),
  /** RAM kept free for the stack, counted against ramBudget. */
  stackReserve: z.number().int().nonnegative(),
});
export type MemoryUse = z.infer<typeof memoryUseSchema>;

export const tokenUsageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadInputTokens: z.number(),
  cacheCreationInputTokens: z.number(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const compilerDiagnosticSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number().nullable(),
  severity: z.enum(["error", "warning", "note"]),
  message: z.string(),
});

/** What the app puts in a `build-node` job: everything except secrets, which the lease holder fetches. */
export const buildNodePayloadSchema = z.object({
  buildId: z.string(),
  projectId: z.string(),
  nodeId: z.string(),
  spec: systemSpecSchema,
  /** The user's pinned source: compiled as is, never regenerated. */
  pinnedFiles: firmwareFilesSchema.nullable(),
  generator: z.enum(generatorChoices),
  maxIterations: z.number().int().min(1).max(10),
  stackReserve: z.number().int().nonnegative().optional(),
  /** sha256 of the node's spec and pinned source: "build changed nodes only" compares it. */
  inputHash: z.string(),
});
export type BuildNodePayload = z.infer<typeof buildNodePayloadSchema>;

export const nodeBuildResultSchema = z.object({
  nodeId: z.string(),
  iterations: z.number().int(),
  cacheHit: z.boolean(),
  memory: memoryUseSchema,
  generator: z.string(),
  artifacts: z.array(
    z.object({ kind: z.enum(artifactKinds), name: z.string(), sha256: sha256Schema, size: z.number() }),
  ),
  usage: tokenUsageSchema.nullable(),
  /** The node's expectations in a check run of its emulator; absent when it has none or no emulator ran. */
  checks: z.array(z.object({ item: z.string(), passed: z.boolean(), evidence: z.string() })).optional(),
});
export type NodeBuildResult = z.infer<typeof nodeBuildResultSchema>;

const stepEvent = z.object({
  type: z.literal("step"),
  data: z.looseObject({
    step: z.enum(["generate", "compile", "size", "test"]),
    status: z.enum(["started", "succeeded", "failed", "skipped"]),
    iteration: z.number().int(),
  }),
});

export const buildNodeEventSchema = z.discriminatedUnion("type", [
  logEvent,
  stepEvent,
  z.object({ type: z.literal("memory"), data: memoryUseSchema }),
  z.object({ type: z.literal("usage"), data: tokenUsageSchema }),
  z.object({
    type: z.literal("diagnostics"),
    data: z.object({ iteration: z.number().int(), diagnostics: z.array(compilerDiagnosticSchema) }),
  }),
]);

/** One node of a build: generate, inject config, compile in the sandbox, check the budget. */
export const buildNodeJob = defineJobKind({
  payload: buildNodePayloadSchema,
  result: nodeBuildResultSchema,
  event: buildNodeEventSchema,
  requires: (payload) => {
    const node = payload.spec.nodes.find((candidate) => candidate.id === payload.nodeId);
    const board = node && getBoard(node.board);
    if (!board) throw new Error(`build-node: node ${payload.nodeId} has no known board`);
    return [board.toolchain.capability];
  },
  maxAttempts: 2,
});
