import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { emptySpec } from "../../../contracts/spec/schema";
import { parseSpec } from "../../../contracts/spec/validate";
import type { Caller } from "../../auth/resolve-owner";

export function slugify(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "swarm";
  return `${base}-${randomBytes(3).toString("hex")}`;
}

/**
 * Creates a project of the caller with its first spec revision; an omitted spec starts empty. `reason` is that
 * revision's history entry ("create" unless the caller says where the project came from).
 */
export async function createProject(
  prisma: PrismaClient,
  caller: Caller,
  input: { name: string; spec?: unknown; reason?: string },
): Promise<{ id: string; slug: string }> {
  const spec = parseSpec(input.spec ?? emptySpec(input.name));
  const project = await prisma.project.create({
    data: {
      name: input.name,
      slug: slugify(input.name),
      ownerId: caller.ownerId,
      spec,
      revision: 1,
      revisions: { create: { revision: 1, spec, reason: input.reason ?? "create", ownerId: caller.ownerId } },
    },
    select: { id: true, slug: true },
  });
  return project;
}
