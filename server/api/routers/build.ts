import { z } from "zod";
import { artifactKinds } from "../../../contracts/artifacts";
import { generatorChoices } from "../../../contracts/jobs/build-node";
import { cancelBuild } from "../../services/build/cancel-build";
import { getBuild } from "../../services/build/get-build";
import { getBuildArtifact } from "../../services/build/get-build-artifact";
import { listBuilds } from "../../services/build/list-builds";
import { startBuild } from "../../services/build/start-build";
import { streamBuildEvents } from "../../services/build/stream-build-events";
import { buildUsesModel, ownerRateLimits } from "../../http/rate-limit";
import { buildProcedure, projectProcedure, router, shareRead } from "../trpc";

export const buildRouter = router({
  start: projectProcedure
    .input(
      z.object({
        nodeIds: z.array(z.string()).max(64).optional(),
        changedOnly: z.boolean().optional(),
        generator: z.enum(generatorChoices).optional(),
        maxIterations: z.number().int().min(1).max(10).optional(),
        /** Empty values for every secret and node login: an image a share link may hand out. */
        withoutSecrets: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      ownerRateLimits().take(
        ctx.caller.ownerId,
        buildUsesModel(input.generator) ? ["builds", "modelCalls"] : ["builds"],
      );
      return startBuild(ctx.prisma, { project: ctx.project, ...input });
    }),
  get: buildProcedure.meta(shareRead).query(({ ctx }) => getBuild(ctx.prisma, ctx.build)),
  list: projectProcedure.meta(shareRead).query(({ ctx }) => listBuilds(ctx.prisma, ctx.project)),
  cancel: buildProcedure.mutation(({ ctx }) => cancelBuild(ctx.prisma, ctx.build)),
  artifact: buildProcedure
    .input(z.object({ nodeId: z.string().min(1).max(64), kind: z.enum(artifactKinds) }))
    .query(async ({ ctx, input }) => {
      const { name, size, sha256, url } = await getBuildArtifact(ctx.prisma, { build: ctx.build, ...input });
      return { name, size, sha256, url };
    }),
  /** Every node's events, merged in arrival order; each node card can also follow jobs.events. */
  events: buildProcedure
    .meta(shareRead)
    .subscription(({ ctx, signal }) => streamBuildEvents(ctx.prisma, ctx.build, signal)),
});
