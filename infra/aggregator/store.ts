import type { HistoryBucket, IncomingRecord, Sql, StoredRecord } from "./types";

export interface StoreOptions {
  /** Flush the write buffer at least this often (ms). */
  flushIntervalMs?: number;
  /** ... or as soon as it holds this many records. */
  flushMaxRecords?: number;
  /** Rows older than this are deleted by `deleteExpired` (and by the periodic retention sweep). */
  retentionDays?: number;
  retentionSweepMs?: number;
  log?: (message: string) => void;
}

export interface HistoryQuery {
  swarmId: string;
  nodeId: string;
  field: string;
  from: Date;
  to: Date;
  buckets: number;
}

const INSERT_BATCH = `INSERT INTO aggregator_telemetry (swarm_id, node_id, kind, ts, record)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])`;

/**
 * The telemetry table's write path and queries. Records are buffered and written with one multi-row INSERT over
 * arrays (one round trip and one statement whatever the batch size). One write runs at a time (rows keep their
 * arrival order); the first records wait at most `flushIntervalMs`, and records that arrive while a write runs go
 * out together right after it (group commit), so batches grow with the load instead of queueing up as many small
 * ones: a database commits far more rows per second in a few large statements than in many small ones.
 * `flush()` resolves once everything accepted before it is stored.
 */
export class TelemetryStore {
  private buffer: IncomingRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** A write is running; the records added meanwhile follow it without a timer. */
  private busy = false;
  /** Records ever added, and of those, how many were taken into batches (in order; a failed batch is put back). */
  private accepted = 0;
  private taken = 0;
  private timer: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  readonly flushIntervalMs: number;
  readonly flushMaxRecords: number;
  readonly retentionDays: number;
  private readonly log: (message: string) => void;
  private readonly flushedListeners = new Set<(records: IncomingRecord[]) => void>();

  constructor(
    private readonly sql: Sql,
    options: StoreOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 50;
    this.flushMaxRecords = options.flushMaxRecords ?? 10_000;
    this.retentionDays = options.retentionDays ?? 30;
    this.log = options.log ?? (() => undefined);
    const sweepMs = options.retentionSweepMs ?? 3_600_000;
    this.sweeper = setInterval(() => {
      this.deleteExpired().catch((error: Error) => this.log(`retention sweep failed: ${error.message}`));
    }, sweepMs);
    this.sweeper.unref();
  }

  /** Called after each batch is committed (the records are queryable from then on). */
  onFlushed(listener: (records: IncomingRecord[]) => void): () => void {
    this.flushedListeners.add(listener);
    return () => this.flushedListeners.delete(listener);
  }

  add(record: IncomingRecord): void {
    this.buffer.push(record);
    this.accepted += 1;
    if (this.busy) return;
    if (this.buffer.length >= this.flushMaxRecords) void this.flush().catch(() => undefined);
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.flushIntervalMs);
    }
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything accepted so far, in batches of at most `flushMaxRecords`, after any write already running. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const target = this.accepted;
    const run = this.writing.then(() => this.writeThrough(target));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async writeThrough(target: number): Promise<void> {
    this.busy = true;
    try {
      while (this.taken < target) await this.writeBatch();
    } finally {
      this.busy = false;
    }
    // What arrived during the write has waited as long as a timer would make it: write it now, as one batch.
    if (this.buffer.length > 0 && !this.timer) void this.flush().catch(() => undefined);
  }

  private async writeBatch(): Promise<void> {
    const batch = this.buffer.length <= this.flushMaxRecords ? this.buffer : this.buffer.slice(0, this.flushMaxRecords);
    this.buffer = batch === this.buffer ? [] : this.buffer.slice(batch.length);
    this.taken += batch.length;
    try {
      await this.sql.query(INSERT_BATCH, [
        batch.map((r) => r.swarmId),
        batch.map((r) => r.nodeId),
        batch.map((r) => r.kind),
        batch.map((r) => new Date(r.ts).toISOString()),
        batch.map((r) => JSON.stringify(r.record)),
      ]);
    } catch (error) {
      // Put the batch back in front so a database hiccup delays records instead of dropping them.
      this.buffer = batch.concat(this.buffer);
      this.taken -= batch.length;
      this.log(`telemetry write of ${batch.length} records failed, retrying: ${(error as Error).message}`);
      if (!this.timer) this.timer = setTimeout(() => void this.flush().catch(() => undefined), 1000);
      throw error;
    }
    for (const listener of this.flushedListeners) listener(batch);
  }

  /** Deletes rows older than the retention period; returns how many went. */
  async deleteExpired(now = Date.now()): Promise<number> {
    const cutoff = new Date(now - this.retentionDays * 86_400_000).toISOString();
    const rows = await this.sql.query<{ n: number }>(
      "WITH gone AS (DELETE FROM aggregator_telemetry WHERE ts < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
      [cutoff],
    );
    return rows[0]?.n ?? 0;
  }

  /** The newest telemetry record of every node of the swarm. */
  async latest(swarmId: string): Promise<StoredRecord[]> {
    const rows = await this.sql.query<{ node_id: string; ts: Date | string; record: Record<string, unknown> }>(
      `SELECT DISTINCT ON (node_id) node_id, ts, record FROM aggregator_telemetry
        WHERE swarm_id = $1 AND kind = 'telemetry' ORDER BY node_id, ts DESC`,
      [swarmId],
    );
    return rows.map((r) => ({ nodeId: r.node_id, kind: "telemetry", ts: iso(r.ts), record: r.record }));
  }

  /**
   * Min/max/avg/count of one numeric field in `buckets` equal slices of [from, to). Buckets without data are
   * left out; records whose field is missing or not a number are ignored.
   */
  async history(query: HistoryQuery): Promise<HistoryBucket[]> {
    const span = query.to.getTime() - query.from.getTime();
    if (!(span > 0)) throw new Error("history: `to` must be after `from`");
    if (!Number.isInteger(query.buckets) || query.buckets < 1 || query.buckets > 10_000) {
      throw new Error("history: buckets must be an integer from 1 to 10000");
    }
    const widthMs = Math.ceil(span / query.buckets);
    const rows = await this.sql.query<{ b: number; min: number; max: number; avg: number; count: number }>(
      `SELECT floor((extract(epoch FROM ts) * 1000 - $4::double precision) / $5::double precision)::int AS b,
              min(v) AS min, max(v) AS max, avg(v) AS avg, count(*)::int AS count
         FROM (SELECT ts, (record->>$3)::double precision AS v FROM aggregator_telemetry
                WHERE swarm_id = $1 AND node_id = $2 AND kind = 'telemetry' AND ts >= $6 AND ts < $7
                  AND jsonb_typeof(record->$3) = 'number') AS points
        GROUP BY b ORDER BY b`,
      [
        query.swarmId,
        query.nodeId,
        query.field,
        query.from.getTime(),
        widthMs,
        query.from.toISOString(),
        query.to.toISOString(),
      ],
    );
    return rows.map((r) => ({
      t: new Date(query.from.getTime() + Number(r.b) * widthMs).toISOString(),
      min: Number(r.min),
      max: Number(r.max),
      avg: Number(r.avg),
      count: Number(r.count),
    }));
  }

  /** Records of a time range, oldest first, for export. */
  async range(swarmId: string, from: Date, to: Date, nodeId?: string, limit = 1_000_000): Promise<StoredRecord[]> {
    const rows = await this.sql.query<{
      node_id: string;
      kind: "telemetry" | "event";
      ts: Date | string;
      record: Record<string, unknown>;
    }>(
      `SELECT node_id, kind, ts, record FROM aggregator_telemetry
        WHERE swarm_id = $1 AND ts >= $2 AND ts < $3 AND ($4::text IS NULL OR node_id = $4)
        ORDER BY ts, node_id LIMIT $5`,
      [swarmId, from.toISOString(), to.toISOString(), nodeId ?? null, limit],
    );
    return rows.map((r) => ({ nodeId: r.node_id, kind: r.kind, ts: iso(r.ts), record: r.record }));
  }

  async count(swarmId: string): Promise<number> {
    const rows = await this.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM aggregator_telemetry WHERE swarm_id = $1",
      [swarmId],
    );
    return rows[0]?.n ?? 0;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.flush();
  }
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
