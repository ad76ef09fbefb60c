import { tracked } from "@trpc/server";
import { z } from "zod";
import { getBroker } from "../../broker";
import type { PrismaClient } from "../../generated/prisma/client";
import { cancelJob } from "../../queue/cancel";
import { streamJobEvents } from "../../services/jobs/stream-job-events";
import { getSimulation } from "../../services/simulate/get-simulation";
import { listSimulations } from "../../services/simulate/list-simulations";
import { sendCommand } from "../../services/simulate/send-command";
import { startSimulation } from "../../services/simulate/start-simulation";
import { ownerRateLimits } from "../../http/rate-limit";
import { projectProcedure, router, runProcedure, shareRead } from "../trpc";

/** The broker, or null when it could not start (the run then keeps its records in its log only). */
const brokerOrNull = (prisma: PrismaClient) => getBroker(prisma).catch(() => null);

export const simulateRouter = router({
  start: projectProcedure
    .input(
      z.object({
        buildId: z.string().min(1).max(64).optional(),
        durationMs: z.number().int().min(1_000).max(3_600_000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ownerRateLimits().take(ctx.caller.ownerId, ["simulations"]);
      return startSimulation(ctx.prisma, await brokerOrNull(ctx.prisma), { project: ctx.project, ...input });
    }),
  get: runProcedure.meta(shareRead).query(({ ctx }) => getSimulation(ctx.prisma, ctx.job)),
  list: projectProcedure.meta(shareRead).query(({ ctx }) => listSimulations(ctx.prisma, ctx.project)),
  stop: runProcedure.mutation(({ ctx }) => cancelJob(ctx.prisma, ctx.job.id)),
  command: runProcedure
    .input(z.object({ nodeId: z.string().min(1).max(64), command: z.string().trim().min(1).max(200) }))
    .mutation(async ({ ctx, input }) =>
      sendCommand(await brokerOrNull(ctx.prisma), { project: ctx.project, job: ctx.job, ...input }),
    ),
  /** The run's log from the start (so a reload replays it), then live; `lastEventId` resumes. */
  events: runProcedure
    .meta(shareRead)
    .input(z.object({ lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const afterSeq = Number(input.lastEventId ?? 0) || 0;
      for await (const event of streamJobEvents(ctx.prisma, { jobId: ctx.job.id, afterSeq, signal })) {
        yield tracked(String(event.seq), event);
      }
    }),
});
