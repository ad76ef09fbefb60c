import { z } from "zod";
import { secretRefSchema } from "../../../contracts/spec/schema";
import { deleteSecret } from "../../services/secrets/delete-secret";
import { listSecrets } from "../../services/secrets/list-secrets";
import { setSecret } from "../../services/secrets/set-secret";
import { publicProcedure, router } from "../trpc";

const byProject = z.object({ projectId: z.string().min(1) });

export const secretsRouter = router({
  list: publicProcedure.input(byProject).query(({ ctx, input }) => listSecrets(ctx.prisma, input.projectId)),
  set: publicProcedure
    .input(byProject.extend({ name: secretRefSchema, value: z.string().min(1).max(1000) }))
    .mutation(({ ctx, input }) => setSecret(ctx.prisma, input)),
  delete: publicProcedure
    .input(byProject.extend({ name: secretRefSchema }))
    .mutation(({ ctx, input }) => deleteSecret(ctx.prisma, input)),
});
