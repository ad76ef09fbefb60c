import type { PrismaClient } from "../../generated/prisma/client";

/** A compile result for this exact source, board, toolchain version and flags, if one was stored. */
export async function lookupCompileCache(prisma: PrismaClient, key: string) {
  const entry = await prisma.compileCache.findUnique({ where: { key } });
  if (!entry) return null;
  await prisma.compileCache.update({ where: { key }, data: { hits: { increment: 1 } } });
  return { memory: entry.memory, artifacts: entry.artifacts as Record<string, string> };
}
