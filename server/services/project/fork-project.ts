import type { PrismaClient } from "../../generated/prisma/client";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { createProject } from "./create-project";
import { findProject } from "./find-project";

/** Copies a project's current spec into a new project (secrets are not copied). */
export async function forkProject(prisma: PrismaClient, id: string): Promise<{ id: string; slug: string }> {
  const source = await findProject(prisma, id);
  const name = `${source.name} (fork)`.slice(0, 120);
  return createProject(prisma, { name, spec: { ...(source.spec as SystemSpec), name } });
}
