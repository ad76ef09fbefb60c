import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { parseSpec } from "../../../contracts/spec/validate";
import { saveSpecRevision } from "./save-spec-revision";

/** Makes an old revision current again as a new revision, so nothing in between is lost. */
export async function restoreRevision(prisma: PrismaClient, input: { projectId: string; revision: number }) {
  const old = await prisma.specRevision.findUnique({
    where: { projectId_revision: { projectId: input.projectId, revision: input.revision } },
  });
  if (!old) throw new AppError("NOT_FOUND", `Project ${input.projectId} has no revision ${input.revision}.`);
  // Re-validated: a board may have left the catalogue since.
  const spec = parseSpec(old.spec);
  return saveSpecRevision(prisma, { projectId: input.projectId, spec, reason: `restore of ${input.revision}` });
}
