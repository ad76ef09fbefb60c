import type { PrismaClient, Project } from "../../generated/prisma/client";
import { readStoredSpec } from "../../../contracts/spec/validate";
import { saveSpecRevision } from "../spec/save-spec-revision";

/** Renames the project; the name lives in the spec too, so this is a new revision. */
export async function renameProject(prisma: PrismaClient, input: { project: Project; name: string }) {
  const spec = { ...readStoredSpec(input.project.spec), name: input.name };
  // Only the owner passes the gate to rename, so the owner is the author.
  return saveSpecRevision(prisma, {
    projectId: input.project.id,
    spec,
    reason: "rename",
    authorId: input.project.ownerId,
  });
}
