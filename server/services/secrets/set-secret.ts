import type { PrismaClient } from "../../generated/prisma/client";
import { encryptSecret } from "../../secrets/crypto";
import { findProject } from "../project/find-project";

/** Stores (or replaces) a project secret; the value is never returned by any procedure. */
export async function setSecret(prisma: PrismaClient, input: { projectId: string; name: string; value: string }) {
  await findProject(prisma, input.projectId);
  const ciphertext = encryptSecret(input.value);
  await prisma.secret.upsert({
    where: { projectId_name: { projectId: input.projectId, name: input.name } },
    create: { projectId: input.projectId, name: input.name, ciphertext },
    update: { ciphertext },
  });
  return { name: input.name };
}
