import type { PrismaClient } from "../../generated/prisma/client";
import type { Caller } from "../../auth/resolve-owner";
import { forkProject } from "../project/fork-project";
import { resolveShareLink } from "./open-share-link";

/** Copies the shared project's current spec into the caller's own projects; no secret goes with it. */
export async function forkSharedProject(prisma: PrismaClient, caller: Caller, token: string): Promise<{ id: string }> {
  const { project } = await resolveShareLink(prisma, token);
  const { id } = await forkProject(prisma, caller, project);
  return { id };
}
