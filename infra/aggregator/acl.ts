import { nodeTopic, parseNodeTopic } from "../../contracts/topics";
import type { CredentialRole } from "./credentials";

/** Who a broker connection is: a node (or gateway) of one swarm, or the aggregator's own client. */
export type Identity =
  { role: CredentialRole; swarmId: string; nodeId: string } | { role: "aggregator"; swarmIds: string[] };

/**
 * The embedded broker's ACL, the same as the Mosquitto ACL of infra/terraform/aws: a node publishes only its own
 * telemetry and events and reads only its own commands; a gateway publishes telemetry and events for any node of
 * its swarm; the aggregator reads and writes its swarms' topics.
 */
export function mayPublish(who: Identity, topic: string): boolean {
  const parsed = parseNodeTopic(topic);
  if (who.role === "aggregator") return topic.startsWith("swarm/") && who.swarmIds.includes(topic.split("/")[1] ?? "");
  if (!parsed || parsed.swarmId !== who.swarmId || parsed.channel === "command") return false;
  return who.role === "gateway" || parsed.nodeId === who.nodeId;
}

export function maySubscribe(who: Identity, filter: string): boolean {
  if (who.role === "aggregator")
    return who.swarmIds.some((id) => filter === `swarm/${id}/#` || filter.startsWith(`swarm/${id}/`));
  if (who.role === "gateway") return filter === `swarm/${who.swarmId}/nodes/+/command`;
  return filter === nodeTopic(who.swarmId, who.nodeId, "command");
}

/**
 * A broker username names the node: `nodeId` when the broker serves one swarm (as with Mosquitto, whose ACL uses
 * `%u`), or `swarmId/nodeId`.
 */
export function parseUsername(username: string, swarmIds: string[]): { swarmId: string; nodeId: string } | null {
  const parts = username.split("/");
  if (parts.length === 2 && parts[0] && parts[1] && swarmIds.includes(parts[0]))
    return { swarmId: parts[0], nodeId: parts[1] };
  if (parts.length === 1 && swarmIds.length === 1 && /^[a-z0-9][a-z0-9-]{0,39}$/.test(username)) {
    return { swarmId: swarmIds[0] ?? "", nodeId: username };
  }
  return null;
}
