import { initTRPC, TRPCError } from "@trpc/server";
import { getDb } from "../db";
import { AppError } from "../../contracts/errors";

export async function createContext() {
  const db = await getDb();
  return { prisma: db.prisma };
}
export type Context = Awaited<ReturnType<typeof createContext>>;

const t = initTRPC.context<Context>().create();

/** Services throw AppError; clients see the matching tRPC code with the same actionable message. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapAppErrors);
