import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { examples, getExample } from "../../../examples";
import type { Caller } from "../../auth/resolve-owner";
import { createProject } from "./create-project";

/**
 * A new project of the caller holding a gallery example's spec unchanged, so it can go through Build and Simulate
 * at once; its first revision says which example it came from.
 */
export async function createFromExample(
  prisma: PrismaClient,
  caller: Caller,
  input: { exampleId: string },
): Promise<{ id: string; slug: string }> {
  const example = getExample(input.exampleId);
  if (!example) {
    const known = examples.map((e) => `"${e.id}"`).join(", ");
    throw new AppError("NOT_FOUND", `No example "${input.exampleId}"; the gallery has ${known}.`);
  }
  return createProject(prisma, caller, {
    name: example.title,
    spec: example.spec,
    reason: `create from example ${example.title}`,
  });
}
