import { AppError } from "../../../contracts/errors";
import type { PrismaClient, Project } from "../../generated/prisma/client";

/** Kills a link at once: its next request answers "This link was revoked by its owner." Revoking twice is fine. */
export async function revokeShareLink(
  prisma: PrismaClient,
  input: { project: Project; linkId: string },
): Promise<{ id: string; revokedAt: Date }> {
  const link = await prisma.shareLink.findFirst({ where: { id: input.linkId, projectId: input.project.id } });
  if (!link) throw new AppError("NOT_FOUND", `No share link ${input.linkId} on this project.`);
  if (link.revokedAt) return { id: link.id, revokedAt: link.revokedAt };
  const revoked = await prisma.shareLink.update({ where: { id: link.id }, data: { revokedAt: new Date() } });
  return { id: revoked.id, revokedAt: revoked.revokedAt! };
}
