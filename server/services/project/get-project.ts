import type { Project } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { readStoredSpec } from "../../../contracts/spec/validate";

export interface ProjectView {
  id: string;
  slug: string;
  name: string;
  spec: SystemSpec;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export function getProject(project: Project): ProjectView {
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    spec: readStoredSpec(project.spec),
    revision: project.revision,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
