import { AppError } from "../../../contracts/errors";
import { jobKinds } from "../../../contracts/jobs";
import { nodeTopic } from "../../../contracts/topics";
import type { BrokerAccess } from "../../broker";
import type { Job, Project } from "../../generated/prisma/client";

/** Publishes a command to a node of a running simulation; the bridge writes it to the node's UART. */
export async function sendCommand(
  broker: BrokerAccess | null,
  input: { project: Project; job: Job; nodeId: string; command: string },
): Promise<{ topic: string }> {
  if (input.job.status !== "active") throw new AppError("CONFLICT", "This simulation is not running.");
  const payload = jobKinds["simulate-swarm"].payload.parse(input.job.payload);
  if (!payload.nodes.some((node) => node.nodeId === input.nodeId))
    throw new AppError("NOT_FOUND", `No node "${input.nodeId}" in this simulation.`);
  if (!broker) throw new AppError("CONFLICT", "The swarm's MQTT broker is not running, so commands cannot be sent.");
  const topic = nodeTopic(input.project.slug, input.nodeId, "command");
  await broker.publish(topic, input.command);
  return { topic };
}
