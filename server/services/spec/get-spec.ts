import type { Project } from "../../generated/prisma/client";
import { readStoredSpec } from "../../../contracts/spec/validate";

export function getSpec(project: Project) {
  return { spec: readStoredSpec(project.spec), revision: project.revision };
}
