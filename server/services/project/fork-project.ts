import type { PrismaClient, Project } from "../../generated/prisma/client";
import { readStoredSpec } from "../../../contracts/spec/validate";
import type { Caller } from "../../auth/resolve-owner";
import { createProject } from "./create-project";

/** Copies a project's current spec into a new project of the caller (secrets are not copied). */
export async function forkProject(
  prisma: PrismaClient,
  caller: Caller,
  source: Project,
): Promise<{ id: string; slug: string }> {
  const name = `${source.name} (fork)`.slice(0, 120);
  return createProject(prisma, caller, { name, spec: { ...readStoredSpec(source.spec), name } });
}
