import { z } from "zod";
import { diffRevisions } from "../../services/spec/diff-revisions";
import { getSpec } from "../../services/spec/get-spec";
import { listRevisions } from "../../services/spec/list-revisions";
import { restoreRevision } from "../../services/spec/restore-revision";
import { updateSpec } from "../../services/spec/update-spec";
import { projectProcedure, router, shareRead } from "../trpc";

const revision = z.number().int().positive();

export const specRouter = router({
  get: projectProcedure.meta(shareRead).query(({ ctx }) => getSpec(ctx.project)),
  update: projectProcedure
    .input(z.object({ spec: z.unknown(), baseRevision: revision.optional() }))
    .mutation(({ ctx, input }) =>
      updateSpec(ctx.prisma, { project: ctx.project, ...input, authorId: ctx.caller.ownerId }),
    ),
  revisions: projectProcedure.meta(shareRead).query(({ ctx }) => listRevisions(ctx.prisma, ctx.project, ctx.caller)),
  /** `to` omitted: against the current revision. */
  diff: projectProcedure
    .meta(shareRead)
    .input(z.object({ from: revision, to: revision.optional() }))
    .query(({ ctx, input }) => diffRevisions(ctx.prisma, { project: ctx.project, from: input.from, to: input.to })),
  restore: projectProcedure
    .input(z.object({ revision }))
    .mutation(({ ctx, input }) =>
      restoreRevision(ctx.prisma, { project: ctx.project, revision: input.revision, authorId: ctx.caller.ownerId }),
    ),
});
