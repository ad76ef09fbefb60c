import { jobKinds } from "../../../contracts/jobs";
import type { NodeOutcome, SimulatedNodeStatus } from "../../../contracts/jobs/simulate-swarm";
import { CONSOLE_TAIL_BYTES } from "../../../contracts/simulate";
import type { Job, PrismaClient } from "../../generated/prisma/client";
import { jobWaitingReason } from "../../queue/job-waiting";

export interface SimulatedNodeView extends Partial<Omit<NodeOutcome, "status">> {
  nodeId: string;
  board: string;
  status: SimulatedNodeStatus | "queued";
  /** The node's console, its last 64 KiB. */
  console: string;
}

/** A run as the Simulate stage shows it after a reload: each node's status, console tail and checks. */
export async function getSimulation(prisma: PrismaClient, job: Job) {
  const payload = jobKinds["simulate-swarm"].payload.parse(job.payload);
  const nodes = new Map<string, SimulatedNodeView>(
    payload.nodes.map((node) => [
      node.nodeId,
      { nodeId: node.nodeId, board: node.board, status: "queued", console: "" },
    ]),
  );
  const events = await prisma.jobEvent.findMany({
    where: { jobId: job.id, type: { in: ["node-status", "console", "checks"] } },
    orderBy: { seq: "asc" },
  });
  for (const event of events) {
    const node = event.nodeId ? nodes.get(event.nodeId) : undefined;
    const parsed = jobKinds["simulate-swarm"].event.safeParse({ type: event.type, data: event.data });
    if (!node || !parsed.success) continue;
    const { data } = parsed;
    if (data.type === "node-status") Object.assign(node, data.data);
    if (data.type === "checks") node.checks = data.data.checks;
    if (data.type === "console") {
      const text = node.console + data.data.lines.map((line) => `${line.raw}\n`).join("");
      node.console = text.length > CONSOLE_TAIL_BYTES ? text.slice(text.length - CONSOLE_TAIL_BYTES) : text;
    }
  }
  const waiting = await jobWaitingReason(prisma, job);
  return {
    runId: job.id,
    buildId: payload.buildId,
    status: job.status,
    waiting,
    error: job.error,
    durationMs: payload.durationMs,
    brokerConnected: payload.broker !== null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    nodes: [...nodes.values()],
  };
}
