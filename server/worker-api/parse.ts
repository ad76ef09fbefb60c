import type { z } from "zod";
import { AppError } from "../../contracts/errors";
import type { PrismaClient } from "../generated/prisma/client";

/** A call of a registered worker: the worker is the one its credential names, never one named in a body. */
export interface WorkerCall {
  prisma: PrismaClient;
  worker: { id: string; capabilities: string[] };
  body: unknown;
  jobId: string;
  signal: AbortSignal;
}

export type Route = (call: WorkerCall) => Promise<unknown>;

/** Validates a worker request body; BAD_REQUEST names each failing field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new AppError("BAD_REQUEST", issues.join("; "));
  }
  return result.data;
}
