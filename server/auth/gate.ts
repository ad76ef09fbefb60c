import { AppError } from "../../contracts/errors";
import type { Build, Job, PrismaClient, Project } from "../generated/prisma/client";
import type { Caller } from "./resolve-owner";

/**
 * The one ownership gate. Every procedure and HTTP route on a project or anything under it (spec,
 * revisions, firmware, secrets, builds, jobs, events, artifacts, the stages to come) passes here and
 * gets the checked project; an id is never trusted alone. Someone else's id answers exactly like an
 * id that does not exist, so ids reveal nothing. A request with no owner at all (no cookie) is refused the
 * same way.
 */
const notFound = (what: string) => new AppError("NOT_FOUND", `No ${what}: it does not exist, or it is not yours.`);

export async function authorizeProject(
  prisma: PrismaClient,
  caller: Caller | null,
  projectId: string,
): Promise<Project> {
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (!project || project.ownerId !== caller?.ownerId) throw notFound(`project ${projectId}`);
  return project;
}

export async function authorizeBuild(
  prisma: PrismaClient,
  caller: Caller | null,
  buildId: string,
): Promise<{ project: Project; build: Build }> {
  const build = await prisma.build.findUnique({ where: { id: buildId }, include: { project: true } });
  if (!build || build.project.ownerId !== caller?.ownerId) throw notFound(`build ${buildId}`);
  const { project, ...rest } = build;
  return { project, build: rest };
}

/** A project's job through its project; a job of no project (diagnostics) only for whoever started it. */
export async function authorizeJob(
  prisma: PrismaClient,
  caller: Caller | null,
  jobId: string,
): Promise<{ project: Project | null; job: Job }> {
  const job = await prisma.job.findUnique({ where: { id: jobId }, include: { project: true } });
  const owner = job?.project ? job.project.ownerId : job?.ownerId;
  if (!job || !caller || owner !== caller.ownerId) throw notFound(`job ${jobId}`);
  const { project, ...rest } = job;
  return { project, job: rest };
}
