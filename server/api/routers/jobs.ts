import { tracked } from "@trpc/server";
import { z } from "zod";
import { getJob } from "../../services/jobs/get-job";
import { startDiagnostics } from "../../services/jobs/start-diagnostics";
import { streamJobEvents } from "../../services/jobs/stream-job-events";
import { assertShareableJob } from "../../auth/share-link";
import { jobProcedure, ownerProcedure, router, shareRead } from "../trpc";

export const jobsRouter = router({
  get: jobProcedure.meta(shareRead).query(({ ctx }) => getJob(ctx.prisma, assertShareableJob(ctx.job, ctx.viewer))),
  /** Replays the job's log, then streams live; `lastEventId` (sent by the client on reconnect) resumes. */
  events: jobProcedure
    .meta(shareRead)
    .input(z.object({ lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      assertShareableJob(ctx.job, ctx.viewer);
      const afterSeq = Number(input.lastEventId ?? 0) || 0;
      for await (const event of streamJobEvents(ctx.prisma, { jobId: ctx.job.id, afterSeq, signal })) {
        yield tracked(String(event.seq), event);
      }
    }),
});

export const diagnosticsRouter = router({
  start: ownerProcedure.mutation(({ ctx }) => startDiagnostics(ctx.prisma, ctx.caller)),
});
