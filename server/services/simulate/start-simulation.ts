import { AppError } from "../../../contracts/errors";
import type { SimulateSwarmPayload } from "../../../contracts/jobs/simulate-swarm";
import { readStoredSpec } from "../../../contracts/spec/validate";
import type { BrokerAccess } from "../../broker";
import type { PrismaClient, Project } from "../../generated/prisma/client";
import { enqueueJob } from "../../queue/enqueue";

export const DEFAULT_SIMULATION_MS = 60_000;

/**
 * Starts a swarm run: every node of the build (the newest one unless `buildId` names another) live at
 * once on a worker, with a broker credential valid for this run only. One run per project at a time.
 */
export async function startSimulation(
  prisma: PrismaClient,
  broker: BrokerAccess | null,
  input: { project: Project; buildId?: string; durationMs?: number },
): Promise<{ runId: string }> {
  const { project } = input;
  const build = await prisma.build.findFirst({
    where: { projectId: project.id, ...(input.buildId ? { id: input.buildId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  if (!build) {
    throw new AppError(
      "BAD_REQUEST",
      input.buildId
        ? `This project has no build ${input.buildId}.`
        : "Build the swarm first: a simulation runs the built firmware.",
    );
  }
  const running = await prisma.job.findFirst({
    where: { projectId: project.id, kind: "simulate-swarm", status: { in: ["queued", "active"] } },
  });
  if (running) throw new AppError("CONFLICT", "A simulation of this project is already running: stop it first.");

  const spec = readStoredSpec(project.spec);
  const artifacts = await prisma.buildArtifact.findMany({ where: { buildId: build.id } });
  const imageOf = (nodeId: string) => {
    const own = artifacts.filter((artifact) => artifact.nodeId === nodeId);
    const best = own.find((a) => a.kind === "elf") ?? own.find((a) => a.kind === "bin");
    return best ? { kind: best.kind as "elf" | "bin", sha256: best.sha256 } : null;
  };
  const nodes = spec.nodes
    .filter((node) => build.nodeIds.includes(node.id))
    .map((node) => ({
      nodeId: node.id,
      board: node.board,
      expect: node.expect,
      intervalMs: node.telemetry.intervalMs,
      sensors: node.sensors,
      actuators: node.actuators,
      image: imageOf(node.id),
    }));
  if (nodes.length === 0) throw new AppError("BAD_REQUEST", "None of this build's nodes is in the design any more.");

  const durationMs = input.durationMs ?? DEFAULT_SIMULATION_MS;
  const credential = broker ? await broker.bridgeCredential(project.id, durationMs + 5 * 60_000) : null;
  const payload: SimulateSwarmPayload = {
    projectId: project.id,
    swarmId: project.slug,
    buildId: build.id,
    durationMs,
    nodes,
    broker: broker && credential ? { url: broker.url, ...credential } : null,
  };
  const { jobId } = await enqueueJob(prisma, { kind: "simulate-swarm", payload, projectId: project.id });
  return { runId: jobId };
}
