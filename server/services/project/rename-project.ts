import type { PrismaClient } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { saveSpecRevision } from "../spec/save-spec-revision";
import { findProject } from "./find-project";

/** Renames the project; the name lives in the spec too, so this is a new revision. */
export async function renameProject(prisma: PrismaClient, input: { id: string; name: string }) {
  const project = await findProject(prisma, input.id);
  const spec = { ...(project.spec as SystemSpec), name: input.name };
  return saveSpecRevision(prisma, { projectId: project.id, spec, reason: "rename" });
}
