import type { PrismaClient } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { findProject } from "./find-project";

export interface ProjectView {
  id: string;
  slug: string;
  name: string;
  spec: SystemSpec;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export async function getProject(prisma: PrismaClient, id: string): Promise<ProjectView> {
  const project = await findProject(prisma, id);
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    spec: project.spec as SystemSpec,
    revision: project.revision,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
