import { z } from "zod";
import { artifactKinds } from "../../services/build/attach-artifacts";
import { getBuild } from "../../services/build/get-build";
import { getBuildArtifact } from "../../services/build/get-build-artifact";
import { listBuilds } from "../../services/build/list-builds";
import { startBuild } from "../../services/build/start-build";
import { streamJobEvents } from "../../services/jobs/stream-job-events";
import { publicProcedure, router } from "../trpc";

const byBuild = z.object({ buildId: z.string().min(1) });

export const buildRouter = router({
  start: publicProcedure
    .input(
      z.object({
        projectId: z.string().min(1),
        nodeIds: z.array(z.string()).max(64).optional(),
        changedOnly: z.boolean().optional(),
        generator: z.enum(["auto", "templates", "anthropic"]).optional(),
        maxIterations: z.number().int().min(1).max(10).optional(),
      }),
    )
    .mutation(({ ctx, input }) => startBuild(ctx.prisma, input)),
  get: publicProcedure.input(byBuild).query(({ ctx, input }) => getBuild(ctx.prisma, input.buildId)),
  list: publicProcedure
    .input(z.object({ projectId: z.string().min(1) }))
    .query(({ ctx, input }) => listBuilds(ctx.prisma, input.projectId)),
  artifact: publicProcedure
    .input(byBuild.extend({ nodeId: z.string().min(1), kind: z.enum(artifactKinds) }))
    .query(async ({ ctx, input }) => {
      const { name, size, sha256, url } = await getBuildArtifact(ctx.prisma, input);
      return { name, size, sha256, url };
    }),
  /** Every node's events, merged in arrival order; each node card can also follow jobs.events. */
  events: publicProcedure.input(byBuild).subscription(async function* ({ ctx, input, signal }) {
    const build = await getBuild(ctx.prisma, input.buildId);
    const streams = build.nodes.map((node) => streamJobEvents(ctx.prisma, { jobId: node.jobId, afterSeq: 0, signal }));
    const pending = new Map(
      streams.map((stream, index) => [index, stream.next().then((result) => ({ index, result }))]),
    );
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pending.set(
        index,
        streams[index].next().then((next) => ({ index, result: next })),
      );
      yield { ...result.value, nodeId: build.nodes[index].nodeId };
    }
  }),
});
