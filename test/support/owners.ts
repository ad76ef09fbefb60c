import type { Caller } from "../../server/auth/resolve-owner";
import type { PrismaClient, Project } from "../../server/generated/prisma/client";
import { createProject } from "../../server/services/project/create-project";

/** A fresh anonymous owner, as a first visit makes one. */
export async function newCaller(prisma: PrismaClient): Promise<Caller> {
  const owner = await prisma.owner.create({ data: {} });
  return { ownerId: owner.id };
}

/** Creates a project through the real service and returns its row, as the ownership gate hands it to services. */
export async function createOwnedProject(
  prisma: PrismaClient,
  input: { name: string; spec?: unknown },
  caller?: Caller,
): Promise<Project> {
  const owner = caller ?? (await newCaller(prisma));
  const { id } = await createProject(prisma, owner, input);
  return prisma.project.findUniqueOrThrow({ where: { id } });
}
