import type { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import { AppError } from "../../contracts/errors";

export type Route = (prisma: PrismaClient, body: unknown, jobId: string, signal: AbortSignal) => Promise<unknown>;

/** Validates a worker request body; BAD_REQUEST names each failing field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new AppError("BAD_REQUEST", issues.join("; "));
  }
  return result.data;
}
