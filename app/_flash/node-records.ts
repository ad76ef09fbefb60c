export interface NodeRecord {
  nodeId: string;
  kind: "telemetry" | "event";
  record: Record<string, unknown>;
  receivedAt: number;
}

type Listener = (record: NodeRecord) => void;
const listeners = new Set<Listener>();

/**
 * Every `@t`/`@e` record a board prints over USB passes through here, so a board without Wi-Fi
 * plugged into a laptop can feed the swarm: the live table listens today, the MQTT bridge later.
 */
export function publishNodeRecord(record: NodeRecord): void {
  for (const listener of listeners) listener(record);
}

export function onNodeRecord(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
