import type { Alert, AggregatorEvent, HistoryBucket, NodeState, StoredRecord } from "../../../infra/aggregator/types";

export interface HistoryRange {
  nodeId: string;
  field: string;
  from: Date;
  to: Date;
  buckets: number;
}

/**
 * One deployed swarm's data, wherever its aggregator runs: in this process (local) or on a server the app reaches
 * over HTTPS (aws). Bound to the swarm, so callers never pass its id or any credential.
 */
export interface TelemetrySource {
  /** Node states (online or not) and the newest telemetry record of each node. */
  latest(): Promise<{ nodes: NodeState[]; latest: StoredRecord[] }>;
  history(range: HistoryRange): Promise<HistoryBucket[]>;
  exportCsv(from: Date, to: Date, nodeId?: string): Promise<string>;
  listAlerts(options: { active?: boolean }): Promise<Alert[]>;
  acknowledgeAlert(alertId: number): Promise<Alert | null>;
  sendCommand(nodeId: string, command: string): Promise<{ topic: string }>;
  /** Stored records, node changes and alerts of this swarm until `signal` aborts; throws if the feed breaks. */
  events(signal: AbortSignal | undefined): AsyncGenerator<AggregatorEvent, void, undefined>;
}
