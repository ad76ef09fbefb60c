import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../../contracts/errors";
import type { PrismaClient, Project, ShareLink } from "../generated/prisma/client";
import type { Caller } from "./resolve-owner";

/** Who passed the gate: the project's owner, or someone holding a share link to it (read-only). */
export type Viewer = "owner" | "share";

/** What a request brings besides its owner: a share token, and whether the procedure lets a link holder read. */
export interface ShareAccess {
  token?: string | null;
  readable: boolean;
}

/** 32 random bytes, base64url: 256 bits, 43 characters. */
const TOKEN_BYTES = 32;
const MAX_TOKEN_LENGTH = 128;

export const newShareToken = () => randomBytes(TOKEN_BYTES).toString("base64url");
/** Only this is stored: a copy of the database opens no link. */
export const hashShareToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const shareUrl = (token: string) => `/s/${token}`;

export const revokedLink = () => new AppError("FORBIDDEN", "This link was revoked by its owner.");

/** The link a token opens, revoked or not; null for anything that is not a token this app made. */
export async function findShareLink(prisma: PrismaClient, token: string | null | undefined): Promise<ShareLink | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  return prisma.shareLink.findUnique({ where: { tokenHash: hashShareToken(token) } });
}

/**
 * Whether the caller may see `project`, and as whom. Its owner always; a link holder only when the
 * link is to exactly this project, is not revoked, and the procedure is one a link may read. Anything
 * else is `notFound`, so a token for one project says nothing about another.
 */
export async function viewerOf(
  prisma: PrismaClient,
  caller: Caller | null,
  project: Project,
  access: ShareAccess | undefined,
  notFound: () => AppError,
): Promise<Viewer> {
  if (caller && project.ownerId === caller.ownerId) return "owner";
  const link = await findShareLink(prisma, access?.token);
  if (!link || link.projectId !== project.id) throw notFound();
  if (link.revokedAt) throw revokedLink();
  if (!access?.readable)
    throw new AppError("FORBIDDEN", "A share link opens this project read-only: fork it to make your own changes.");
  return "share";
}

/** The jobs a link shows: builds and simulations. Deploy and other jobs' logs stay the owner's. */
const SHAREABLE_JOB_KINDS: readonly string[] = ["build-node", "simulate-swarm"];

export function assertShareableJob<T extends { id: string; kind: string }>(job: T, viewer: Viewer): T {
  if (viewer === "share" && !SHAREABLE_JOB_KINDS.includes(job.kind))
    throw new AppError("NOT_FOUND", `No job ${job.id}: it does not exist, or it is not yours.`);
  return job;
}
