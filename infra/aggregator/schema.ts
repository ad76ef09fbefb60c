import type { Sql } from "./types";

/**
 * The aggregator's own tables, created idempotently with plain SQL that PGlite and PostgreSQL both run, so it can
 * live in the app's database (beside Prisma's tables, with its own prefix) or alone in a server's PostgreSQL.
 */
export const AGGREGATOR_SCHEMA = `
CREATE TABLE IF NOT EXISTS aggregator_telemetry (
  swarm_id text NOT NULL,
  node_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('telemetry', 'event')),
  ts timestamptz NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS aggregator_telemetry_node_ts ON aggregator_telemetry (swarm_id, node_id, ts);
CREATE INDEX IF NOT EXISTS aggregator_telemetry_ts ON aggregator_telemetry (ts);

CREATE TABLE IF NOT EXISTS aggregator_node_state (
  swarm_id text NOT NULL,
  node_id text NOT NULL,
  online boolean NOT NULL,
  last_seen timestamptz,
  changed_at timestamptz NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (swarm_id, node_id)
);

CREATE TABLE IF NOT EXISTS aggregator_alert (
  id bigserial PRIMARY KEY,
  swarm_id text NOT NULL,
  node_id text NOT NULL,
  rule_key text NOT NULL,
  message text NOT NULL,
  value double precision,
  fired_at timestamptz NOT NULL,
  cleared_at timestamptz,
  acked_at timestamptz
);
-- At most one active alert per rule and node: a condition that stays true does not fire again.
CREATE UNIQUE INDEX IF NOT EXISTS aggregator_alert_active ON aggregator_alert (swarm_id, rule_key, node_id)
  WHERE cleared_at IS NULL;

CREATE TABLE IF NOT EXISTS aggregator_credential (
  swarm_id text NOT NULL,
  node_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('node', 'gateway')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (swarm_id, node_id)
);

CREATE TABLE IF NOT EXISTS aggregator_swarm (
  swarm_id text PRIMARY KEY,
  config jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

export async function migrateAggregator(sql: Sql): Promise<void> {
  await sql.exec(AGGREGATOR_SCHEMA);
}
