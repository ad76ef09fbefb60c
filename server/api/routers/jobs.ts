import { tracked } from "@trpc/server";
import { z } from "zod";
import { getJob } from "../../services/jobs/get-job";
import { startDiagnostics } from "../../services/jobs/start-diagnostics";
import { streamJobEvents } from "../../services/jobs/stream-job-events";
import { jobProcedure, ownerProcedure, router } from "../trpc";

export const jobsRouter = router({
  get: jobProcedure.query(({ ctx }) => getJob(ctx.prisma, ctx.job)),
  /** Replays the job's log, then streams live; `lastEventId` (sent by the client on reconnect) resumes. */
  events: jobProcedure.input(z.object({ lastEventId: z.string().nullish() })).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const afterSeq = Number(input.lastEventId ?? 0) || 0;
    for await (const event of streamJobEvents(ctx.prisma, { jobId: ctx.job.id, afterSeq, signal })) {
      yield tracked(String(event.seq), event);
    }
  }),
});

export const diagnosticsRouter = router({
  start: ownerProcedure.mutation(({ ctx }) => startDiagnostics(ctx.prisma, ctx.caller)),
});
