import { z } from "zod";
import { createProject } from "../../services/project/create-project";
import { deleteProject } from "../../services/project/delete-project";
import { forkProject } from "../../services/project/fork-project";
import { getProject } from "../../services/project/get-project";
import { listProjects } from "../../services/project/list-projects";
import { renameProject } from "../../services/project/rename-project";
import { publicProcedure, router } from "../trpc";

const projectName = z.string().trim().min(1, "a project needs a name").max(120);
const byId = z.object({ id: z.string().min(1) });

export const projectRouter = router({
  create: publicProcedure
    .input(z.object({ name: projectName, spec: z.unknown().optional() }))
    .mutation(({ ctx, input }) => createProject(ctx.prisma, input)),
  get: publicProcedure.input(byId).query(({ ctx, input }) => getProject(ctx.prisma, input.id)),
  list: publicProcedure.query(({ ctx }) => listProjects(ctx.prisma)),
  rename: publicProcedure
    .input(byId.extend({ name: projectName }))
    .mutation(({ ctx, input }) => renameProject(ctx.prisma, input)),
  delete: publicProcedure.input(byId).mutation(({ ctx, input }) => deleteProject(ctx.prisma, input.id)),
  fork: publicProcedure.input(byId).mutation(({ ctx, input }) => forkProject(ctx.prisma, input.id)),
});
