import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import type { SystemSpec } from "../../../contracts/spec/schema";

/**
 * Stores an already validated spec as the next revision. With `baseRevision`, refuses (CONFLICT)
 * when someone saved in between, so two tabs never silently overwrite each other.
 */
export async function saveSpecRevision(
  prisma: PrismaClient,
  /** `authorId`: the owner saving it, shown in the history as "you" or "someone else". */
  input: { projectId: string; spec: SystemSpec; reason: string; baseRevision?: number; authorId?: string },
): Promise<{ spec: SystemSpec; revision: number }> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.project.findUnique({ where: { id: input.projectId }, select: { revision: true } });
    if (!current) throw new AppError("NOT_FOUND", `No project ${input.projectId}; it may have been deleted.`);
    if (input.baseRevision !== undefined && input.baseRevision !== current.revision) {
      throw new AppError(
        "CONFLICT",
        `The spec changed since revision ${input.baseRevision} (now ${current.revision}); reload to see the latest.`,
      );
    }
    const revision = current.revision + 1;
    const { count } = await tx.project.updateMany({
      where: { id: input.projectId, revision: current.revision },
      data: { spec: input.spec, revision, name: input.spec.name },
    });
    if (count === 0) throw new AppError("CONFLICT", "Another save landed at the same moment; try again.");
    await tx.specRevision.create({
      data: {
        projectId: input.projectId,
        revision,
        spec: input.spec,
        reason: input.reason,
        ownerId: input.authorId ?? null,
      },
    });
    return { spec: input.spec, revision };
  });
}
