import { iso } from "./store";
import type { Alert, Sql } from "./types";

interface AlertRow {
  id: string | number;
  swarm_id: string;
  node_id: string;
  rule_key: string;
  message: string;
  value: number | null;
  fired_at: Date | string;
  cleared_at: Date | string | null;
  acked_at: Date | string | null;
}

const toAlert = (r: AlertRow): Alert => ({
  id: Number(r.id),
  swarmId: r.swarm_id,
  nodeId: r.node_id,
  ruleKey: r.rule_key,
  message: r.message,
  value: r.value === null ? null : Number(r.value),
  firedAt: iso(r.fired_at),
  clearedAt: r.cleared_at === null ? null : iso(r.cleared_at),
  ackedAt: r.acked_at === null ? null : iso(r.acked_at),
});

/** Alerts in aggregator_alert: one active row per (swarm, rule, node), enforced by a partial unique index. */
export class AlertStore {
  constructor(private readonly sql: Sql) {}

  /** Inserts an active alert, or returns null when that rule is already active on that node. */
  async fire(a: { swarmId: string; nodeId: string; ruleKey: string; message: string; value: number | null }) {
    const rows = await this.sql.query<AlertRow>(
      `INSERT INTO aggregator_alert (swarm_id, node_id, rule_key, message, value, fired_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (swarm_id, rule_key, node_id) WHERE cleared_at IS NULL DO NOTHING
       RETURNING *`,
      [a.swarmId, a.nodeId, a.ruleKey, a.message, a.value],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  /** Clears the active alert of a rule on a node; null when none was active. */
  async clear(swarmId: string, ruleKey: string, nodeId: string): Promise<Alert | null> {
    const rows = await this.sql.query<AlertRow>(
      `UPDATE aggregator_alert SET cleared_at = now()
        WHERE swarm_id = $1 AND rule_key = $2 AND node_id = $3 AND cleared_at IS NULL RETURNING *`,
      [swarmId, ruleKey, nodeId],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async acknowledge(swarmId: string, id: number): Promise<Alert | null> {
    const rows = await this.sql.query<AlertRow>(
      `UPDATE aggregator_alert SET acked_at = coalesce(acked_at, now()) WHERE swarm_id = $1 AND id = $2 RETURNING *`,
      [swarmId, id],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  /** Newest first; `active` limits the list to alerts whose condition still holds. */
  async list(swarmId: string, options: { active?: boolean; limit?: number } = {}): Promise<Alert[]> {
    const rows = await this.sql.query<AlertRow>(
      `SELECT * FROM aggregator_alert WHERE swarm_id = $1 AND ($2::boolean IS NOT TRUE OR cleared_at IS NULL)
        ORDER BY fired_at DESC, id DESC LIMIT $3`,
      [swarmId, options.active ?? null, options.limit ?? 500],
    );
    return rows.map(toAlert);
  }
}
