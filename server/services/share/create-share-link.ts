import type { PrismaClient, Project } from "../../generated/prisma/client";
import { hashShareToken, newShareToken, shareUrl } from "../../auth/share-link";

/** A new read-only link to the project. The token is shown this once: only its hash is kept. */
export async function createShareLink(
  prisma: PrismaClient,
  input: { project: Project; allowFirmware: boolean },
): Promise<{ id: string; token: string; url: string }> {
  const token = newShareToken();
  const link = await prisma.shareLink.create({
    data: { projectId: input.project.id, tokenHash: hashShareToken(token), allowFirmware: input.allowFirmware },
  });
  return { id: link.id, token, url: shareUrl(token) };
}
