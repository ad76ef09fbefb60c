import type { PrismaClient } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { findProject } from "../project/find-project";

export async function getSpec(prisma: PrismaClient, projectId: string) {
  const project = await findProject(prisma, projectId);
  return { spec: project.spec as SystemSpec, revision: project.revision };
}
