import { z } from "zod";
import { createFromExample } from "../../services/project/create-from-example";
import { createProject } from "../../services/project/create-project";
import { deleteProject } from "../../services/project/delete-project";
import { forkProject } from "../../services/project/fork-project";
import { getProject } from "../../services/project/get-project";
import { listProjects } from "../../services/project/list-projects";
import { renameProject } from "../../services/project/rename-project";
import { ownerProcedure, projectByIdProcedure, router, shareRead } from "../trpc";

const projectName = z
  .string()
  .trim()
  .min(1, "a project needs a name")
  .max(120)
  // PostgreSQL stores no NUL in text: refuse it with a reason rather than fail the save.
  .refine((name) => !name.includes("\u0000"), "a name cannot contain a NUL character");

export const projectRouter = router({
  create: ownerProcedure
    .input(z.object({ name: projectName, spec: z.unknown().optional() }))
    .mutation(({ ctx, input }) => createProject(ctx.prisma, ctx.caller, input)),
  createFromExample: ownerProcedure
    .input(z.object({ exampleId: z.string().trim().min(1, "say which example").max(80) }))
    .mutation(({ ctx, input }) => createFromExample(ctx.prisma, ctx.caller, input)),
  get: projectByIdProcedure.meta(shareRead).query(({ ctx }) => getProject(ctx.project)),
  list: ownerProcedure.query(({ ctx }) => listProjects(ctx.prisma, ctx.caller)),
  rename: projectByIdProcedure
    .input(z.object({ name: projectName }))
    .mutation(({ ctx, input }) => renameProject(ctx.prisma, { project: ctx.project, name: input.name })),
  delete: projectByIdProcedure.mutation(({ ctx }) => deleteProject(ctx.prisma, ctx.project)),
  fork: projectByIdProcedure.mutation(({ ctx }) => forkProject(ctx.prisma, ctx.caller, ctx.project)),
});
