import type { PrismaClient, Project } from "../../generated/prisma/client";
import { parseSpec } from "../../../contracts/spec/validate";
import { saveSpecRevision } from "./save-spec-revision";

export async function updateSpec(
  prisma: PrismaClient,
  input: { project: Project; spec: unknown; baseRevision?: number; authorId?: string },
) {
  const spec = parseSpec(input.spec);
  return saveSpecRevision(prisma, {
    projectId: input.project.id,
    spec,
    reason: "update",
    baseRevision: input.baseRevision,
    authorId: input.authorId,
  });
}
