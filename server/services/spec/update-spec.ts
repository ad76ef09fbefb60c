import type { PrismaClient } from "../../generated/prisma/client";
import { parseSpec } from "../../../contracts/spec/validate";
import { saveSpecRevision } from "./save-spec-revision";

export async function updateSpec(
  prisma: PrismaClient,
  input: { projectId: string; spec: unknown; baseRevision?: number },
) {
  const spec = parseSpec(input.spec);
  return saveSpecRevision(prisma, {
    projectId: input.projectId,
    spec,
    reason: "update",
    baseRevision: input.baseRevision,
  });
}
