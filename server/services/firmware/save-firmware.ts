import type { PrismaClient, Project } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { pinnedSourceLimits, type FirmwareFile } from "../../../contracts/firmware";
import { readStoredSpec } from "../../../contracts/spec/validate";

const safePath = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]{1,200}$/;

/** Pins user-edited source: the next build compiles it (in the sandbox) instead of generating. */
export async function saveFirmware(
  prisma: PrismaClient,
  input: { project: Project; nodeId: string; files: FirmwareFile[] },
) {
  const { project, nodeId, files } = input;
  if (!readStoredSpec(project.spec).nodes.some((node) => node.id === nodeId)) {
    throw new AppError("NOT_FOUND", `No node "${nodeId}" in this project.`);
  }
  const bad = files.find((file) => !safePath.test(file.path));
  if (bad) throw new AppError("BAD_REQUEST", `File path "${bad.path}" must be relative, without "..".`);
  if (files.length === 0) throw new AppError("BAD_REQUEST", "A pinned firmware needs at least one file.");
  const total = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  if (total > pinnedSourceLimits.totalBytes) {
    throw new AppError(
      "BAD_REQUEST",
      `Pinned sources total ${total.toLocaleString("en")} bytes; the limit is ${pinnedSourceLimits.totalBytes.toLocaleString("en")}.`,
    );
  }
  const where = { projectId_nodeId: { projectId: project.id, nodeId } };
  const data = { files, pinned: true, generator: "user" };
  await prisma.firmwareSource.upsert({ where, create: { projectId: project.id, nodeId, ...data }, update: data });
  return { pinned: true };
}
