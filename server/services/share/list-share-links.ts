import type { PrismaClient, Project } from "../../generated/prisma/client";

export interface ShareLinkSummary {
  id: string;
  /** Always null: the token is kept only as its hash, so the link was shown once, when it was made. */
  url: string | null;
  allowFirmware: boolean;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The project's links, newest first, revoked ones included so the owner sees what died when. */
export async function listShareLinks(prisma: PrismaClient, project: Project): Promise<ShareLinkSummary[]> {
  const links = await prisma.shareLink.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "desc" } });
  return links.map(({ id, allowFirmware, createdAt, revokedAt }) => ({
    id,
    url: null,
    allowFirmware,
    createdAt,
    revokedAt,
  }));
}
