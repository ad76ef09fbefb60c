import { tracked } from "@trpc/server";
import { z } from "zod";
import { cancelJob } from "../../queue/cancel";
import { getJob } from "../../services/jobs/get-job";
import { listJobs } from "../../services/jobs/list-jobs";
import { startDiagnostics } from "../../services/jobs/start-diagnostics";
import { streamJobEvents } from "../../services/jobs/stream-job-events";
import { publicProcedure, router } from "../trpc";

const byJob = z.object({ jobId: z.string().min(1) });

export const jobsRouter = router({
  get: publicProcedure.input(byJob).query(({ ctx, input }) => getJob(ctx.prisma, input.jobId)),
  list: publicProcedure
    .input(
      z.object({
        kind: z.string().optional(),
        projectId: z.string().optional(),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(({ ctx, input }) => listJobs(ctx.prisma, input)),
  cancel: publicProcedure.input(byJob).mutation(({ ctx, input }) => cancelJob(ctx.prisma, input.jobId)),
  /** Replays the job's log, then streams live; `lastEventId` (sent by the client on reconnect) resumes. */
  events: publicProcedure.input(byJob.extend({ lastEventId: z.string().nullish() })).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const afterSeq = Number(input.lastEventId ?? 0) || 0;
    for await (const event of streamJobEvents(ctx.prisma, { jobId: input.jobId, afterSeq, signal })) {
      yield tracked(String(event.seq), event);
    }
  }),
});

export const diagnosticsRouter = router({
  start: publicProcedure.mutation(({ ctx }) => startDiagnostics(ctx.prisma)),
});
