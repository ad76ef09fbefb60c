import { z } from "zod";
import { getSpec } from "../../services/spec/get-spec";
import { listRevisions } from "../../services/spec/list-revisions";
import { restoreRevision } from "../../services/spec/restore-revision";
import { updateSpec } from "../../services/spec/update-spec";
import { safeParseSpec, formatSpecIssues } from "../../../contracts/spec/validate";
import { publicProcedure, router } from "../trpc";

const byProject = z.object({ projectId: z.string().min(1) });

export const specRouter = router({
  get: publicProcedure.input(byProject).query(({ ctx, input }) => getSpec(ctx.prisma, input.projectId)),
  update: publicProcedure
    .input(byProject.extend({ spec: z.unknown(), baseRevision: z.number().int().positive().optional() }))
    .mutation(({ ctx, input }) => updateSpec(ctx.prisma, input)),
  validate: publicProcedure.input(z.object({ spec: z.unknown() })).query(({ input }) => {
    const result = safeParseSpec(input.spec);
    return result.success ? { ok: true as const } : { ok: false as const, message: formatSpecIssues(result.error) };
  }),
  revisions: publicProcedure.input(byProject).query(({ ctx, input }) => listRevisions(ctx.prisma, input.projectId)),
  restore: publicProcedure
    .input(byProject.extend({ revision: z.number().int().positive() }))
    .mutation(({ ctx, input }) => restoreRevision(ctx.prisma, input)),
});
