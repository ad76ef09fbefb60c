import { createHash } from "node:crypto";
import { AppError } from "../../../contracts/errors";
import { firmwareFilesSchema } from "../../../contracts/firmware";
import { jobKinds } from "../../../contracts/jobs";
import type { BuildNodePayload } from "../../../contracts/jobs/build-node";
import type { SpecNode } from "../../../contracts/spec/schema";
import { parseSpec } from "../../../contracts/spec/validate";
import type { PrismaClient, Project } from "../../generated/prisma/client";
import { enqueueJob } from "../../queue/enqueue";

export interface StartBuildInput {
  project: Project;
  nodeIds?: string[];
  /** Only nodes whose spec, board or pinned source changed since their last successful build. */
  changedOnly?: boolean;
  generator?: BuildNodePayload["generator"];
  maxIterations?: number;
  /** Empty values for every secret and node login: the images may then be downloaded through a share link. */
  withoutSecrets?: boolean;
}

const inputHash = (node: SpecNode, pinned: unknown) =>
  createHash("sha256")
    .update(JSON.stringify([node, pinned ?? null]))
    .digest("hex");

/** Starts a build: one `build-node` job per node, each requiring its board's toolchain capability. */
export async function startBuild(
  prisma: PrismaClient,
  input: StartBuildInput,
): Promise<{ buildId: string; nodeIds: string[] }> {
  const { project } = input;
  // Fully checked, not just read: a board that left the catalogue stops the build with its name.
  const spec = parseSpec(project.spec);
  const unknown = (input.nodeIds ?? []).filter((id) => !spec.nodes.some((node) => node.id === id));
  if (unknown.length > 0)
    throw new AppError("BAD_REQUEST", `No node ${unknown.map((id) => `"${id}"`).join(", ")} in this project.`);
  let nodes = input.nodeIds ? spec.nodes.filter((node) => input.nodeIds!.includes(node.id)) : spec.nodes;
  if (nodes.length === 0)
    throw new AppError("BAD_REQUEST", "This project has no nodes to build yet: add one in Design.");

  const sources = await prisma.firmwareSource.findMany({ where: { projectId: project.id, pinned: true } });
  const pinnedOf = (nodeId: string) => {
    const source = sources.find((candidate) => candidate.nodeId === nodeId);
    return source ? firmwareFilesSchema.parse(source.files) : null;
  };
  if (input.changedOnly) {
    const previous = await lastSuccessfulHashes(prisma, project.id, input.withoutSecrets ?? false);
    nodes = nodes.filter((node) => previous.get(node.id) !== inputHash(node, pinnedOf(node.id)));
    if (nodes.length === 0) throw new AppError("CONFLICT", "Nothing changed since the last successful build.");
  }

  const build = await prisma.build.create({
    data: {
      projectId: project.id,
      specRevision: project.revision,
      nodeIds: nodes.map((node) => node.id),
      withoutSecrets: input.withoutSecrets ?? false,
    },
  });
  for (const node of nodes) {
    const payload: BuildNodePayload = {
      buildId: build.id,
      projectId: project.id,
      nodeId: node.id,
      spec,
      pinnedFiles: pinnedOf(node.id),
      generator: input.generator ?? "auto",
      maxIterations: input.maxIterations ?? 3,
      inputHash: inputHash(node, pinnedOf(node.id)),
    };
    await enqueueJob(prisma, {
      kind: "build-node",
      payload,
      projectId: project.id,
      build: { buildId: build.id, nodeId: node.id },
    });
  }
  return { buildId: build.id, nodeIds: nodes.map((node) => node.id) };
}

/** Per node, the input of its last successful build of the same kind (with or without secrets). */
async function lastSuccessfulHashes(
  prisma: PrismaClient,
  projectId: string,
  withoutSecrets: boolean,
): Promise<Map<string, string>> {
  const jobs = await prisma.job.findMany({
    where: { projectId, kind: "build-node", status: "succeeded", build: { withoutSecrets } },
    orderBy: { finishedAt: "desc" },
    select: { nodeId: true, payload: true },
    take: 500,
  });
  const hashes = new Map<string, string>();
  for (const job of jobs) {
    const payload = jobKinds["build-node"].payload.safeParse(job.payload);
    if (job.nodeId && payload.success && !hashes.has(job.nodeId)) hashes.set(job.nodeId, payload.data.inputHash);
  }
  return hashes;
}
