import { AppError } from "../../../contracts/errors";
import type { PrismaClient, Project, ShareLink } from "../../generated/prisma/client";
import { findShareLink, revokedLink } from "../../auth/share-link";

/** The live link a token opens, with its project; revoked → FORBIDDEN, anything else → NOT_FOUND. */
export async function resolveShareLink(
  prisma: PrismaClient,
  token: string,
): Promise<{ link: ShareLink; project: Project }> {
  const link = await findShareLink(prisma, token);
  const project = link && (await prisma.project.findUnique({ where: { id: link.projectId } }));
  if (!link || !project) throw new AppError("NOT_FOUND", "No such share link: check that it was copied whole.");
  if (link.revokedAt) throw revokedLink();
  return { link, project };
}

/** What a link holder learns on opening it: which project, its name, whether firmware may be downloaded. */
export async function openShareLink(
  prisma: PrismaClient,
  token: string,
): Promise<{ projectId: string; name: string; allowFirmware: boolean }> {
  const { link, project } = await resolveShareLink(prisma, token);
  return { projectId: project.id, name: project.name, allowFirmware: link.allowFirmware };
}
