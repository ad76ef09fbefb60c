import { z } from "zod";
import { getSpec } from "../../services/spec/get-spec";
import { listRevisions } from "../../services/spec/list-revisions";
import { restoreRevision } from "../../services/spec/restore-revision";
import { updateSpec } from "../../services/spec/update-spec";
import { projectProcedure, router } from "../trpc";

export const specRouter = router({
  get: projectProcedure.query(({ ctx }) => getSpec(ctx.project)),
  update: projectProcedure
    .input(z.object({ spec: z.unknown(), baseRevision: z.number().int().positive().optional() }))
    .mutation(({ ctx, input }) => updateSpec(ctx.prisma, { project: ctx.project, ...input })),
  revisions: projectProcedure.query(({ ctx }) => listRevisions(ctx.prisma, ctx.project)),
  restore: projectProcedure
    .input(z.object({ revision: z.number().int().positive() }))
    .mutation(({ ctx, input }) => restoreRevision(ctx.prisma, { project: ctx.project, revision: input.revision })),
});
