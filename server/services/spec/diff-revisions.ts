import type { PrismaClient, Project } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { diffSpecs, type SpecDiff } from "../../../contracts/spec/diff";

/** What changed from revision `from` to revision `to` (the current one when `to` is omitted). */
export async function diffRevisions(
  prisma: PrismaClient,
  input: { project: Project; from: number; to?: number },
): Promise<{ from: number; to: number; diff: SpecDiff }> {
  const to = input.to ?? input.project.revision;
  const rows = await prisma.specRevision.findMany({
    where: { projectId: input.project.id, revision: { in: [input.from, to] } },
    select: { revision: true, spec: true },
  });
  const specOf = (revision: number) => {
    const row = rows.find((candidate) => candidate.revision === revision);
    if (!row) throw new AppError("NOT_FOUND", `This project has no revision ${revision}.`);
    return row.spec;
  };
  return { from: input.from, to, diff: diffSpecs(specOf(input.from), specOf(to)) };
}
