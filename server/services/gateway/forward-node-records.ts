import { AppError } from "../../../contracts/errors";
import { readStoredSpec } from "../../../contracts/spec/validate";
import { nodeTopic } from "../../../contracts/topics";
import type { BrokerAccess } from "../../broker";
import type { Project } from "../../generated/prisma/client";

export interface ForwardedRecord {
  kind: "telemetry" | "event";
  record: Record<string, unknown>;
}

/**
 * The browser gateway: a board with no network, open in the serial monitor, hands its `@t`/`@e`
 * records to the app, which publishes them on the node's own topics, so the swarm's server stores
 * them like any other node's. The browser never holds a broker login.
 */
export async function forwardNodeRecords(
  broker: BrokerAccess | null,
  input: { project: Project; nodeId: string; records: ForwardedRecord[] },
): Promise<{ published: number }> {
  if (!readStoredSpec(input.project.spec).nodes.some((node) => node.id === input.nodeId)) {
    throw new AppError("NOT_FOUND", `No node "${input.nodeId}" in this project.`);
  }
  if (!broker) throw new AppError("CONFLICT", "The swarm's MQTT broker is not running; see the app's log.");
  for (const { kind, record } of input.records) {
    const channel = kind === "telemetry" ? "telemetry" : "events";
    await broker.publish(nodeTopic(input.project.slug, input.nodeId, channel), JSON.stringify(record));
  }
  return { published: input.records.length };
}
