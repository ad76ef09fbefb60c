import type { PrismaClient, Project } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { parseSpec } from "../../../contracts/spec/validate";
import { saveSpecRevision } from "./save-spec-revision";

/** Makes an old revision current again as a new revision, so nothing in between is lost. */
export async function restoreRevision(
  prisma: PrismaClient,
  input: { project: Project; revision: number; authorId?: string },
) {
  const old = await prisma.specRevision.findUnique({
    where: { projectId_revision: { projectId: input.project.id, revision: input.revision } },
  });
  if (!old) throw new AppError("NOT_FOUND", `This project has no revision ${input.revision}.`);
  // Re-validated: a board may have left the catalogue since.
  const spec = parseSpec(old.spec);
  return saveSpecRevision(prisma, {
    projectId: input.project.id,
    spec,
    reason: `restore of ${input.revision}`,
    authorId: input.authorId,
  });
}
