import { resolveOwner } from "@/server/auth/resolve-owner";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/**
 * Gives a browser its owner before its first real request: the page calls this once, so parallel
 * first requests never each make an owner of their own.
 */
export async function POST(request: Request) {
  const { prisma } = await getDb();
  const { setCookie } = await resolveOwner(prisma, request, { create: true });
  return new Response(null, { status: 204, headers: setCookie ? { "set-cookie": setCookie } : {} });
}
