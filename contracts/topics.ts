/**
 * MQTT topics of a swarm (DESIGN.md, node line protocol). Firmware, the simulator's bridge, the browser
 * gateway and the aggregator all name topics through these functions, so they cannot drift apart.
 * The swarm id is the project's slug.
 */
export const nodeChannels = ["telemetry", "events", "command"] as const;
export type NodeChannel = (typeof nodeChannels)[number];

export function nodeTopic(swarmId: string, nodeId: string, channel: NodeChannel): string {
  return `swarm/${swarmId}/nodes/${nodeId}/${channel}`;
}

/** Every topic of one swarm, for a subscriber (the aggregator) or an ACL. */
export function swarmTopicFilter(swarmId: string): string {
  return `swarm/${swarmId}/#`;
}

/** The parts of a node topic, or null for any other topic. */
export function parseNodeTopic(topic: string): { swarmId: string; nodeId: string; channel: NodeChannel } | null {
  const match = /^swarm\/([^/+#]+)\/nodes\/([^/+#]+)\/([a-z]+)$/.exec(topic);
  if (!match || !(nodeChannels as readonly string[]).includes(match[3])) return null;
  return { swarmId: match[1], nodeId: match[2], channel: match[3] as NodeChannel };
}
