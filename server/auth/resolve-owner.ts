import type { PrismaClient } from "../generated/prisma/client";
import { isHttps, OWNER_COOKIE, ownerCookieHeader, readCookie, verifyOwnerCookie } from "./owner-cookie";

export interface Caller {
  ownerId: string;
}

/**
 * The browser's anonymous owner from its signed cookie. With `create`, a browser without one (or with
 * a forged or stale one) gets a new Owner row and the cookie to set; without, it gets null.
 */
export async function resolveOwner(
  prisma: PrismaClient,
  request: Request,
  options: { create: boolean },
): Promise<{ caller: Caller | null; setCookie?: string }> {
  const ownerId = verifyOwnerCookie(readCookie(request.headers.get("cookie"), OWNER_COOKIE));
  if (ownerId) {
    const owner = await prisma.owner.findUnique({ where: { id: ownerId }, select: { id: true } });
    if (owner) return { caller: { ownerId: owner.id } };
    // A cookie this app signed whose row is gone (a fresh database): the browser keeps its identity.
    if (options.create) {
      await prisma.owner.upsert({ where: { id: ownerId }, create: { id: ownerId }, update: {} });
      return { caller: { ownerId } };
    }
  }
  if (!options.create) return { caller: null };
  const owner = await prisma.owner.create({ data: {}, select: { id: true } });
  return { caller: { ownerId: owner.id }, setCookie: ownerCookieHeader(owner.id, isHttps(request)) };
}
