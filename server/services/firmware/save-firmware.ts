import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { findProject } from "../project/find-project";

const safePath = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]{1,200}$/;

/** Pins user-edited source: the next build compiles it (in the sandbox) instead of generating. */
export async function saveFirmware(
  prisma: PrismaClient,
  input: { projectId: string; nodeId: string; files: { path: string; content: string }[] },
) {
  const project = await findProject(prisma, input.projectId);
  if (!(project.spec as SystemSpec).nodes.some((node) => node.id === input.nodeId)) {
    throw new AppError("NOT_FOUND", `No node "${input.nodeId}" in this project.`);
  }
  const bad = input.files.find((file) => !safePath.test(file.path));
  if (bad) throw new AppError("BAD_REQUEST", `File path "${bad.path}" must be relative, without "..".`);
  if (input.files.length === 0) throw new AppError("BAD_REQUEST", "A pinned firmware needs at least one file.");
  const where = { projectId_nodeId: { projectId: input.projectId, nodeId: input.nodeId } };
  const data = { files: input.files, pinned: true, generator: "user" };
  await prisma.firmwareSource.upsert({
    where,
    create: { projectId: input.projectId, nodeId: input.nodeId, ...data },
    update: data,
  });
  return { pinned: true };
}
