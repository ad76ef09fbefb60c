import type { PrismaClient, Project } from "../../generated/prisma/client";
import { encryptSecret } from "../../secrets/crypto";

/** Stores (or replaces) a project secret; the value is never returned by any procedure. */
export async function setSecret(prisma: PrismaClient, input: { project: Project; name: string; value: string }) {
  const ciphertext = encryptSecret(input.value);
  await prisma.secret.upsert({
    where: { projectId_name: { projectId: input.project.id, name: input.name } },
    create: { projectId: input.project.id, name: input.name, ciphertext },
    update: { ciphertext },
  });
  return { name: input.name };
}
