import { AppError } from "../../contracts/errors";
import type { Build, Job, PrismaClient, Project } from "../generated/prisma/client";
import type { Caller } from "./resolve-owner";
import { viewerOf, type ShareAccess, type Viewer } from "./share-link";

/**
 * The one ownership gate. Every procedure and HTTP route on a project or anything under it (spec,
 * revisions, firmware, secrets, builds, jobs, events, artifacts, the stages to come) passes here and
 * gets the checked project; an id is never trusted alone. Someone else's id answers exactly like an
 * id that does not exist, so ids reveal nothing. A request with no owner at all (no cookie) is refused the
 * same way. A share link (`access`) lets its holder through as `viewer: "share"` to the one project it
 * opens, and only where the caller says the link may read.
 */
const notFound = (what: string) => () =>
  new AppError("NOT_FOUND", `No ${what}: it does not exist, or it is not yours.`);

export async function authorizeProject(
  prisma: PrismaClient,
  caller: Caller | null,
  projectId: string,
  access?: ShareAccess,
): Promise<Project> {
  return (await authorizeProjectView(prisma, caller, projectId, access)).project;
}

export async function authorizeProjectView(
  prisma: PrismaClient,
  caller: Caller | null,
  projectId: string,
  access?: ShareAccess,
): Promise<{ project: Project; viewer: Viewer }> {
  const refuse = notFound(`project ${projectId}`);
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (!project) throw refuse();
  return { project, viewer: await viewerOf(prisma, caller, project, access, refuse) };
}

export async function authorizeBuild(
  prisma: PrismaClient,
  caller: Caller | null,
  buildId: string,
  access?: ShareAccess,
): Promise<{ project: Project; build: Build; viewer: Viewer }> {
  const refuse = notFound(`build ${buildId}`);
  const found = await prisma.build.findUnique({ where: { id: buildId }, include: { project: true } });
  if (!found) throw refuse();
  const { project, ...build } = found;
  return { project, build, viewer: await viewerOf(prisma, caller, project, access, refuse) };
}

/** A project's job through its project; a job of no project (diagnostics) only for whoever started it. */
export async function authorizeJob(
  prisma: PrismaClient,
  caller: Caller | null,
  jobId: string,
  access?: ShareAccess,
): Promise<{ project: Project | null; job: Job; viewer: Viewer }> {
  const refuse = notFound(`job ${jobId}`);
  const found = await prisma.job.findUnique({ where: { id: jobId }, include: { project: true } });
  if (!found) throw refuse();
  const { project, ...job } = found;
  if (project) return { project, job, viewer: await viewerOf(prisma, caller, project, access, refuse) };
  if (!caller || job.ownerId !== caller.ownerId) throw refuse();
  return { project, job, viewer: "owner" };
}
