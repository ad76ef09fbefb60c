import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";

export async function storeCompileCache(
  prisma: PrismaClient,
  input: { key: string; memory: Prisma.InputJsonValue; artifacts: Record<string, string>; toolchain: string },
) {
  const known = await prisma.artifact.count({ where: { sha256: { in: Object.values(input.artifacts) } } });
  if (known !== Object.keys(input.artifacts).length) {
    throw new AppError("BAD_REQUEST", "Compile cache entries may only point at stored artifacts.");
  }
  await prisma.compileCache.upsert({
    where: { key: input.key },
    create: { ...input },
    update: {},
  });
}
