import { z } from "zod";
import { secretRefSchema } from "../../../contracts/spec/schema";
import { deleteSecret } from "../../services/secrets/delete-secret";
import { listSecrets } from "../../services/secrets/list-secrets";
import { setSecret } from "../../services/secrets/set-secret";
import { projectProcedure, router } from "../trpc";

export const secretsRouter = router({
  list: projectProcedure.query(({ ctx }) => listSecrets(ctx.prisma, ctx.project)),
  set: projectProcedure
    .input(z.object({ name: secretRefSchema, value: z.string().min(1).max(1000) }))
    .mutation(({ ctx, input }) => setSecret(ctx.prisma, { project: ctx.project, ...input })),
  delete: projectProcedure
    .input(z.object({ name: secretRefSchema }))
    .mutation(({ ctx, input }) => deleteSecret(ctx.prisma, { project: ctx.project, name: input.name })),
});
