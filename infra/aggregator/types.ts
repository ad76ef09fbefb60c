import type { SqlRunner } from "../../server/db/sql";

/** The raw-SQL surface the aggregator needs: the app's database (PGlite or PostgreSQL) or its own pg pool. */
export type Sql = Pick<SqlRunner, "exec" | "query">;

export type RecordKind = "telemetry" | "event";

/** One `@t`/`@e` record as received, before it is written. */
export interface IncomingRecord {
  swarmId: string;
  nodeId: string;
  kind: RecordKind;
  /** Receive time (ms since epoch): node clocks are often unset, so the server's clock orders records. */
  ts: number;
  record: Record<string, unknown>;
}

export interface StoredRecord {
  nodeId: string;
  kind: RecordKind;
  ts: string;
  record: Record<string, unknown>;
}

export interface HistoryBucket {
  /** Bucket start, ISO 8601. */
  t: string;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface NodeState {
  swarmId: string;
  nodeId: string;
  online: boolean;
  lastSeen: string | null;
  changedAt: string;
  reason: string;
}

export interface Alert {
  id: number;
  swarmId: string;
  nodeId: string;
  ruleKey: string;
  message: string;
  value: number | null;
  firedAt: string;
  clearedAt: string | null;
  ackedAt: string | null;
}

/** What the live stream (SSE) and in-process subscribers receive. */
export type AggregatorEvent =
  | { type: "record"; swarmId: string; nodeId: string; kind: RecordKind; ts: string; record: Record<string, unknown> }
  | { type: "node"; state: NodeState }
  | { type: "alert"; alert: Alert };
