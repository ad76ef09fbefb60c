import { initTRPC, TRPCError } from "@trpc/server";
import type { FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";
import { z } from "zod";
import { AppError } from "../../contracts/errors";
import { authorizeBuild, authorizeJob, authorizeProjectView } from "../auth/gate";
import { resolveOwner, type Caller } from "../auth/resolve-owner";
import { SHARE_TOKEN_HEADER } from "../../contracts/share";
import type { ShareAccess, Viewer } from "../auth/share-link";
import { getDb } from "../db";
import { projectSecretValues, redactValues } from "../services/share/redact-secrets";
import type { PrismaClient, Project } from "../generated/prisma/client";

export interface Context {
  prisma: PrismaClient;
  caller: Caller;
  /** The share link token the request carries (header `x-share-token`), or null. */
  share?: string | null;
}

/** Every request gets its browser's owner; a first visit creates one and sets its signed cookie. */
export async function createContext({ req, resHeaders }: FetchCreateContextFnOptions): Promise<Context> {
  const { prisma } = await getDb();
  const { caller, setCookie } = await resolveOwner(prisma, req, { create: true });
  if (setCookie) resHeaders.append("set-cookie", setCookie);
  return { prisma, caller: caller!, share: req.headers.get(SHARE_TOKEN_HEADER) || null };
}

/**
 * Which gate a procedure passes. The router test enumerates every procedure and proves each gated one
 * refuses another owner; "none" and "owner" procedures touch no project data by construction.
 */
export interface Meta {
  gate: "none" | "owner" | "project" | "project-id" | "build" | "job" | "run";
  /** A query a share link's holder may call on the project the link opens (they pass as `ctx.viewer = "share"`). */
  share?: "read";
}

/** `.meta(shareRead)` on a gated query: a link holder may read it. Meta merges, so the gate stays. */
export const shareRead = { share: "read" } satisfies Partial<Meta> as Meta;
const shareAccess = (ctx: Context, meta: Meta | undefined): ShareAccess => ({
  token: ctx.share,
  readable: meta?.share === "read",
});

const t = initTRPC.context<Context>().meta<Meta>().create();

/** Services throw AppError; clients see the matching tRPC code with the same actionable message. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/**
 * After the gate: a link holder's answer (or each event of a stream) loses every secret value of the
 * project, in case a firmware printed one on its console or an error quoted one. Owners get it as it is.
 */
const redactForShare = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  const { viewer, project } = ctx as { viewer?: Viewer; project?: Project | null };
  if (!result.ok || viewer !== "share" || !project) return result;
  const secrets = await projectSecretValues(ctx.prisma, project);
  const data = result.data as unknown;
  if (data !== null && typeof data === "object" && Symbol.asyncIterator in data) {
    return { ...result, data: redactStream(data as AsyncIterable<unknown>, secrets) };
  }
  return { ...result, data: redactValues(data, secrets) };
});
async function* redactStream(stream: AsyncIterable<unknown>, secrets: readonly string[]) {
  for await (const item of stream) yield redactValues(item, secrets);
}

const id = z.string().min(1).max(64);

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** No caller-specific data at all (the board catalogue). */
export const publicProcedure = t.procedure.use(mapAppErrors).meta({ gate: "none" });
/** The caller's own things that are not under a project (their project list, their diagnostics). */
export const ownerProcedure = publicProcedure.meta({ gate: "owner" });

/** `{ projectId }`: the checked project is `ctx.project`. */
export const projectProcedure = publicProcedure
  .meta({ gate: "project" })
  .input(z.object({ projectId: id }))
  .use(async ({ ctx, input, meta, next }) =>
    next({ ctx: await authorizeProjectView(ctx.prisma, ctx.caller, input.projectId, shareAccess(ctx, meta)) }),
  )
  .use(redactForShare);

/** `{ id }` of the project router (project.get({ id }) in DESIGN.md): the same gate. */
export const projectByIdProcedure = publicProcedure
  .meta({ gate: "project-id" })
  .input(z.object({ id }))
  .use(async ({ ctx, input, meta, next }) =>
    next({ ctx: await authorizeProjectView(ctx.prisma, ctx.caller, input.id, shareAccess(ctx, meta)) }),
  )
  .use(redactForShare);

/** `{ buildId }`: the build is checked through its project. */
export const buildProcedure = publicProcedure
  .meta({ gate: "build" })
  .input(z.object({ buildId: id }))
  .use(async ({ ctx, input, meta, next }) =>
    next({ ctx: await authorizeBuild(ctx.prisma, ctx.caller, input.buildId, shareAccess(ctx, meta)) }),
  )
  .use(redactForShare);

/** `{ jobId }`: the job is checked through its project (or its starter, for diagnostics). */
export const jobProcedure = publicProcedure
  .meta({ gate: "job" })
  .input(z.object({ jobId: id }))
  .use(async ({ ctx, input, meta, next }) =>
    next({ ctx: await authorizeJob(ctx.prisma, ctx.caller, input.jobId, shareAccess(ctx, meta)) }),
  )
  .use(redactForShare);

/** `{ runId }`: a simulation run, checked through its project like any job. */
export const runProcedure = publicProcedure
  .meta({ gate: "run" })
  .input(z.object({ runId: id }))
  .use(async ({ ctx, input, meta, next }) => {
    const { job, project, viewer } = await authorizeJob(ctx.prisma, ctx.caller, input.runId, shareAccess(ctx, meta));
    if (job.kind !== "simulate-swarm" || !project)
      throw new AppError("NOT_FOUND", `No simulation ${input.runId}: it does not exist, or it is not yours.`);
    return next({ ctx: { job, project, viewer } });
  })
  .use(redactForShare);
