import { z } from "zod";
import { telemetrySource } from "../../services/telemetry/source-for-project";
import { projectProcedure, router, shareRead } from "../trpc";

/**
 * The deployed swarm's data, through the app, wherever its aggregator runs (telemetrySource picks it from the
 * deployment): the browser never holds aggregator or broker credentials.
 */
export const telemetryRouter = router({
  latest: projectProcedure
    .meta(shareRead)
    .query(async ({ ctx }) => (await telemetrySource(ctx.prisma, ctx.project)).latest()),
  history: projectProcedure
    .meta(shareRead)
    .input(
      z.object({
        nodeId: z.string().min(1).max(64),
        field: z.string().min(1).max(64),
        from: z.iso.datetime(),
        to: z.iso.datetime(),
        buckets: z.number().int().min(1).max(2000).default(200),
      }),
    )
    .query(async ({ ctx, input }) =>
      (await telemetrySource(ctx.prisma, ctx.project)).history({
        nodeId: input.nodeId,
        field: input.field,
        from: new Date(input.from),
        to: new Date(input.to),
        buckets: input.buckets,
      }),
    ),
  /** Stored records, node state changes and alerts of this swarm, live (an AWS server's own stream, relayed). */
  stream: projectProcedure.meta(shareRead).subscription(async function* ({ ctx, signal }) {
    yield* (await telemetrySource(ctx.prisma, ctx.project)).events(signal);
  }),
});

export const alertsRouter = router({
  list: projectProcedure
    .meta(shareRead)
    .input(z.object({ active: z.boolean().optional() }))
    .query(async ({ ctx, input }) => (await telemetrySource(ctx.prisma, ctx.project)).listAlerts(input)),
  acknowledge: projectProcedure
    .input(z.object({ alertId: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) =>
      (await telemetrySource(ctx.prisma, ctx.project)).acknowledgeAlert(input.alertId),
    ),
});

export const commandsRouter = router({
  send: projectProcedure
    .input(z.object({ nodeId: z.string().min(1).max(64), command: z.string().trim().min(1).max(200) }))
    .mutation(async ({ ctx, input }) =>
      (await telemetrySource(ctx.prisma, ctx.project)).sendCommand(input.nodeId, input.command),
    ),
});
