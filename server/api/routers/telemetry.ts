import { z } from "zod";
import { ensureAggregator } from "../../deploy/ensure-aggregator";
import { projectProcedure, router, shareRead } from "../trpc";

/** The deployed swarm's data, through the app: the browser never holds aggregator or broker credentials. */
export const telemetryRouter = router({
  latest: projectProcedure.meta(shareRead).query(async ({ ctx }) => {
    const aggregator = await ensureAggregator(ctx.prisma, ctx.project);
    return { nodes: aggregator.nodes(ctx.project.slug), latest: await aggregator.latest(ctx.project.slug) };
  }),
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
      (await ensureAggregator(ctx.prisma, ctx.project)).history({
        swarmId: ctx.project.slug,
        nodeId: input.nodeId,
        field: input.field,
        from: new Date(input.from),
        to: new Date(input.to),
        buckets: input.buckets,
      }),
    ),
  /** Stored records, node state changes and alerts of this swarm, live. */
  stream: projectProcedure.meta(shareRead).subscription(async function* ({ ctx, signal }) {
    const aggregator = await ensureAggregator(ctx.prisma, ctx.project);
    const queue: unknown[] = [];
    let wake: (() => void) | null = null;
    const stop = aggregator.subscribe((event) => {
      const swarmId =
        event.type === "node" ? event.state.swarmId : event.type === "alert" ? event.alert.swarmId : event.swarmId;
      if (swarmId !== ctx.project.slug) return;
      queue.push(event);
      wake?.();
    });
    signal?.addEventListener("abort", () => wake?.(), { once: true });
    try {
      while (!signal?.aborted) {
        while (queue.length > 0) yield queue.shift();
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal?.aborted || queue.length > 0) resolve();
        });
        wake = null;
      }
    } finally {
      stop();
    }
  }),
});

export const alertsRouter = router({
  list: projectProcedure
    .meta(shareRead)
    .input(z.object({ active: z.boolean().optional() }))
    .query(async ({ ctx, input }) =>
      (await ensureAggregator(ctx.prisma, ctx.project)).listAlerts(ctx.project.slug, input),
    ),
  acknowledge: projectProcedure
    .input(z.object({ alertId: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) =>
      (await ensureAggregator(ctx.prisma, ctx.project)).acknowledgeAlert(ctx.project.slug, input.alertId),
    ),
});

export const commandsRouter = router({
  send: projectProcedure
    .input(z.object({ nodeId: z.string().min(1).max(64), command: z.string().trim().min(1).max(200) }))
    .mutation(async ({ ctx, input }) =>
      (await ensureAggregator(ctx.prisma, ctx.project)).sendCommand(ctx.project.slug, input.nodeId, input.command),
    ),
});
