import { iso } from "./store";
import type { NodeState, Sql } from "./types";

export interface NodeTrackerOptions {
  /** A node is offline after this many telemetry intervals without data. */
  offlineAfterIntervals?: number;
  /** Interval assumed for nodes the swarm config does not list. */
  defaultIntervalMs?: number;
}

/**
 * Online/offline per node, from last-seen times and from the nodes' own `online` events and MQTT last will
 * (`{"event":"offline"}` on `.../events`). Changes are written to aggregator_node_state and reported.
 */
export class NodeTracker {
  readonly lastSeen = new Map<string, number>();
  private readonly states = new Map<string, NodeState>();
  /** Changes not yet written to aggregator_node_state, the newest per node. */
  private readonly unwritten = new Map<string, NodeState>();
  private writing: Promise<void> = Promise.resolve();
  private writeScheduled = false;
  private intervals = new Map<string, number>();
  private readonly offlineAfter: number;
  private readonly defaultIntervalMs: number;

  constructor(
    private readonly swarmId: string,
    private readonly sql: Sql,
    private readonly onChange: (state: NodeState) => void,
    private readonly log: (message: string) => void,
    options: NodeTrackerOptions = {},
  ) {
    this.offlineAfter = options.offlineAfterIntervals ?? 3;
    this.defaultIntervalMs = options.defaultIntervalMs ?? 10_000;
  }

  setIntervals(nodes: { id: string; intervalMs: number }[]): void {
    this.intervals = new Map(nodes.map((n) => [n.id, n.intervalMs]));
  }

  async load(): Promise<void> {
    const rows = await this.sql.query<{
      node_id: string;
      online: boolean;
      last_seen: Date | string | null;
      changed_at: Date | string;
      reason: string;
    }>("SELECT node_id, online, last_seen, changed_at, reason FROM aggregator_node_state WHERE swarm_id = $1", [
      this.swarmId,
    ]);
    for (const r of rows) {
      const lastSeen = r.last_seen === null ? null : iso(r.last_seen);
      this.states.set(r.node_id, {
        swarmId: this.swarmId,
        nodeId: r.node_id,
        online: r.online,
        lastSeen,
        changedAt: iso(r.changed_at),
        reason: r.reason,
      });
      if (lastSeen) this.lastSeen.set(r.node_id, Date.parse(lastSeen));
    }
  }

  list(): NodeState[] {
    return [...this.states.values()].map((s) => {
      const seen = this.lastSeen.get(s.nodeId);
      return { ...s, lastSeen: seen === undefined ? s.lastSeen : new Date(seen).toISOString() };
    });
  }

  /** Any record from the node. */
  seen(nodeId: string, ts: number): void {
    this.lastSeen.set(nodeId, ts);
    if (!this.states.get(nodeId)?.online) this.set(nodeId, true, ts, "data received");
  }

  /** A record on `.../events`: `{"event":"online"}` or the last will `{"event":"offline"}` change the state. */
  event(nodeId: string, ts: number, record: Record<string, unknown>): void {
    if (record.event === "offline") this.set(nodeId, false, ts, "last will / offline event");
    else {
      this.lastSeen.set(nodeId, ts);
      if (!this.states.get(nodeId)?.online) this.set(nodeId, true, ts, `${String(record.event ?? "event")} received`);
    }
  }

  /** Marks nodes offline whose data stopped for `offlineAfterIntervals` intervals. */
  tick(now: number): void {
    for (const [nodeId, seen] of this.lastSeen) {
      const interval = this.intervals.get(nodeId) ?? this.defaultIntervalMs;
      if (this.states.get(nodeId)?.online && now - seen > this.offlineAfter * interval) {
        this.set(nodeId, false, now, `no data for ${Math.round((now - seen) / 1000)} s`);
      }
    }
  }

  private set(nodeId: string, online: boolean, ts: number, reason: string): void {
    const seen = this.lastSeen.get(nodeId);
    const state: NodeState = {
      swarmId: this.swarmId,
      nodeId,
      online,
      lastSeen: seen === undefined ? null : new Date(seen).toISOString(),
      changedAt: new Date(ts).toISOString(),
      reason,
    };
    this.states.set(nodeId, state);
    this.onChange(state);
    this.unwritten.set(nodeId, state);
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    // One statement for all changes of this turn (the first data from 1,000 nodes is 1,000 changes at once),
    // after the previous write, so a node's older state never lands after its newer one.
    const next = this.writing.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => this.write());
    this.writing = next.catch(() => undefined);
  }

  /** Resolves once every state change so far is stored (or its failure logged). */
  settled(): Promise<void> {
    return this.writing;
  }

  private async write(): Promise<void> {
    this.writeScheduled = false;
    const states = [...this.unwritten.values()];
    this.unwritten.clear();
    try {
      await this.sql.query(
        `INSERT INTO aggregator_node_state (swarm_id, node_id, online, last_seen, changed_at, reason)
         SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::timestamptz[], $5::timestamptz[], $6::text[])
         ON CONFLICT (swarm_id, node_id) DO UPDATE
           SET online = EXCLUDED.online, last_seen = EXCLUDED.last_seen, changed_at = EXCLUDED.changed_at,
               reason = EXCLUDED.reason`,
        [
          this.swarmId,
          states.map((s) => s.nodeId),
          states.map((s) => s.online),
          states.map((s) => s.lastSeen),
          states.map((s) => s.changedAt),
          states.map((s) => s.reason),
        ],
      );
    } catch (error) {
      const nodes = states.map((s) => s.nodeId).join(", ");
      this.log(`node state of ${nodes} not stored: ${(error as Error).message}`);
    }
  }
}
