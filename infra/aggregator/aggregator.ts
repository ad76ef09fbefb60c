import { createHash } from "node:crypto";
import { parseNodeLine } from "../../contracts/node-lines";
import { nodeTopic } from "../../contracts/topics";
import { AlertEngine } from "./alert-engine";
import { AlertStore } from "./alert-store";
import { EmbeddedBroker } from "./broker";
import { CredentialStore, generatePassword, type CredentialRole } from "./credentials";
import { recordsToCsv } from "./csv";
import { IngestClient } from "./ingest";
import { NodeTracker, type NodeTrackerOptions } from "./node-tracker";
import { migrateAggregator } from "./schema";
import { TelemetryStore, type HistoryQuery, type StoreOptions } from "./store";
import type { AggregatorEvent, Alert, HistoryBucket, NodeState, RecordKind, Sql, StoredRecord } from "./types";
import { postWebhook } from "./webhook";

export type BrokerChoice =
  /** Aedes in this process (TCP, optional WebSocket), node passwords from aggregator_credential. */
  | { kind: "embedded"; host?: string; port?: number; wsPort?: number }
  /** An external broker such as Mosquitto; its own passwords and ACL guard it. */
  | { kind: "external"; url: string; username?: string; password?: string }
  /** No MQTT: HTTP ingest only. */
  | { kind: "none" };

export interface AggregatorOptions extends NodeTrackerOptions {
  sql: Sql;
  swarmIds: string[];
  broker: BrokerChoice;
  /** MQTT client id of the ingest session; fixed so the broker keeps the session across reconnects. */
  clientId?: string;
  store?: StoreOptions;
  /** How often absence rules and offline detection run (ms). */
  tickMs?: number;
  log?: (message: string) => void;
}

export interface SwarmConfig {
  rules: { when: string; then: string }[];
  nodes: { id: string; intervalMs: number }[];
  /** Receives a JSON POST per new alert. */
  webhookUrl?: string;
}

interface SwarmRuntime {
  config: SwarmConfig;
  engine: AlertEngine;
  tracker: NodeTracker;
}

/**
 * A stable client id per set of swarms, so the broker finds the same session after a restart, and at most 23
 * characters, the longest id every MQTT 3.1.1 broker must accept.
 */
export function defaultClientId(swarmIds: string[]): string {
  const name = `aggregator-${swarmIds.join("-")}`;
  return name.length <= 23 ? name : `agg-${createHash("sha256").update(swarmIds.join(",")).digest("hex").slice(0, 19)}`;
}

/** Turns an MQTT payload or HTTP body into a record: the JSON object of a `@t`/`@e` line, or the whole line. */
export function parseRecord(payload: string): Record<string, unknown> {
  const text = payload.trim();
  if (text.startsWith("@")) {
    const line = parseNodeLine(text);
    if (line.kind === "log") throw new Error(line.malformed ?? "not a @t or @e line");
    return line.record;
  }
  const value = JSON.parse(text) as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Record<string, unknown>;
}

/** The swarm server: ingest (MQTT and HTTP), telemetry store, node states, alerts, commands and a live feed. */
export class Aggregator {
  readonly store: TelemetryStore;
  readonly alerts: AlertStore;
  readonly credentials: CredentialStore;
  broker: EmbeddedBroker | null = null;
  private ingestClient: IngestClient | null = null;
  private readonly swarms = new Map<string, SwarmRuntime>();
  private readonly listeners = new Set<(event: AggregatorEvent) => void>();
  private ticker: NodeJS.Timeout | null = null;
  private readonly log: (message: string) => void;
  /** Messages that were not records (bad JSON, wrong topic), for the health check. */
  rejected = 0;

  private constructor(private readonly options: AggregatorOptions) {
    this.log = options.log ?? (() => undefined);
    this.store = new TelemetryStore(options.sql, { log: this.log, ...options.store });
    this.alerts = new AlertStore(options.sql);
    this.credentials = new CredentialStore(options.sql);
    this.store.onFlushed((batch) => {
      if (this.listeners.size === 0) return;
      for (const r of batch) {
        const ts = new Date(r.ts).toISOString();
        this.emit({ type: "record", swarmId: r.swarmId, nodeId: r.nodeId, kind: r.kind, ts, record: r.record });
      }
    });
  }

  /** Creates the tables, loads each swarm's saved config, state and active alerts, then connects to MQTT. */
  static async start(options: AggregatorOptions): Promise<Aggregator> {
    if (options.swarmIds.length === 0) throw new Error("the aggregator needs at least one swarm id");
    for (const id of options.swarmIds) {
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) throw new Error(`swarm id "${id}" is not a slug`);
    }
    await migrateAggregator(options.sql);
    const aggregator = new Aggregator(options);
    try {
      for (const swarmId of options.swarmIds) await aggregator.loadSwarm(swarmId);
      await aggregator.connect();
    } catch (error) {
      await aggregator.close();
      throw error;
    }
    aggregator.ticker = setInterval(() => aggregator.tick(Date.now()), options.tickMs ?? 1000);
    aggregator.ticker.unref();
    return aggregator;
  }

  private async loadSwarm(swarmId: string): Promise<void> {
    const rows = await this.options.sql.query<{ config: SwarmConfig }>(
      "SELECT config FROM aggregator_swarm WHERE swarm_id = $1",
      [swarmId],
    );
    const config: SwarmConfig = rows[0]?.config ?? { rules: [], nodes: [] };
    const engine = new AlertEngine(swarmId, this.alerts, (alert, change) => this.alertChanged(alert, change), this.log);
    const tracker = new NodeTracker(
      swarmId,
      this.options.sql,
      (state) => this.emit({ type: "node", state }),
      this.log,
      {
        offlineAfterIntervals: this.options.offlineAfterIntervals,
        defaultIntervalMs: this.options.defaultIntervalMs,
      },
    );
    engine.setRules(config.rules);
    tracker.setIntervals(config.nodes);
    await Promise.all([engine.load(), tracker.load()]);
    this.swarms.set(swarmId, { config, engine, tracker });
  }

  private async connect(): Promise<void> {
    const choice = this.options.broker;
    if (choice.kind === "none") return;
    const onMessage = (swarmId: string, nodeId: string, channel: "telemetry" | "events", payload: Buffer) => {
      try {
        this.ingest(swarmId, nodeId, channel === "telemetry" ? "telemetry" : "event", parseRecord(payload.toString()));
      } catch (error) {
        this.rejected += 1;
        this.log(`dropped a message from ${swarmId}/${nodeId}/${channel}: ${(error as Error).message}`);
      }
    };
    const common = {
      swarmIds: this.options.swarmIds,
      clientId: this.options.clientId ?? defaultClientId(this.options.swarmIds),
      onMessage,
      log: this.log,
    };
    if (choice.kind === "embedded") {
      this.broker = await EmbeddedBroker.start({
        swarmIds: this.options.swarmIds,
        credentials: this.credentials,
        host: choice.host,
        port: choice.port,
        wsPort: choice.wsPort,
        log: this.log,
      });
      const b = this.broker;
      this.ingestClient = new IngestClient({
        ...common,
        url: b.url,
        username: b.aggregatorUser,
        password: b.aggregatorPassword,
      });
    } else {
      this.ingestClient = new IngestClient({
        ...common,
        url: choice.url,
        username: choice.username,
        password: choice.password,
      });
    }
    await this.ingestClient.start();
  }

  private swarm(swarmId: string): SwarmRuntime {
    const swarm = this.swarms.get(swarmId);
    if (!swarm) throw new Error(`this aggregator does not serve swarm "${swarmId}"`);
    return swarm;
  }

  get swarmIds(): string[] {
    return [...this.swarms.keys()];
  }

  get mqttConnected(): boolean {
    return this.ingestClient?.connected ?? false;
  }

  /** Accepts one record (from MQTT, HTTP or the app itself): store, node state, rules. */
  ingest(swarmId: string, nodeId: string, kind: RecordKind, record: Record<string, unknown>, ts = Date.now()): void {
    const swarm = this.swarm(swarmId);
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(nodeId)) throw new Error(`node id "${nodeId}" is not a slug`);
    this.store.add({ swarmId, nodeId, kind, ts, record });
    if (kind === "event") swarm.tracker.event(nodeId, ts, record);
    else {
      swarm.tracker.seen(nodeId, ts);
      swarm.engine.onTelemetry(nodeId, ts, record);
    }
  }

  /** Saves a swarm's rules, node intervals and webhook; returns the rules that cannot be evaluated. */
  async configureSwarm(swarmId: string, config: SwarmConfig): Promise<{ ruleErrors: string[] }> {
    const swarm = this.swarm(swarmId);
    if (config.webhookUrl !== undefined && !/^https?:\/\//.test(config.webhookUrl)) {
      throw new Error("webhookUrl must be an http:// or https:// URL");
    }
    const ruleErrors = swarm.engine.setRules(config.rules);
    swarm.tracker.setIntervals(config.nodes);
    swarm.config = config;
    await this.options.sql.query(
      `INSERT INTO aggregator_swarm (swarm_id, config) VALUES ($1, $2)
       ON CONFLICT (swarm_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()`,
      [swarmId, JSON.stringify(config)],
    );
    return { ruleErrors };
  }

  /** Stores a node's broker/HTTP password (hashed); with no password, generates one and returns it once. */
  async setNodeCredential(
    swarmId: string,
    nodeId: string,
    password = generatePassword(),
    role: CredentialRole = "node",
  ) {
    this.swarm(swarmId);
    await this.credentials.set(swarmId, nodeId, password, role);
    return { nodeId, username: this.options.swarmIds.length === 1 ? nodeId : `${swarmId}/${nodeId}`, password };
  }

  latest(swarmId: string): Promise<StoredRecord[]> {
    this.swarm(swarmId);
    return this.store.latest(swarmId);
  }

  history(query: HistoryQuery): Promise<HistoryBucket[]> {
    this.swarm(query.swarmId);
    return this.store.history(query);
  }

  async exportCsv(swarmId: string, from: Date, to: Date, nodeId?: string): Promise<string> {
    this.swarm(swarmId);
    return recordsToCsv(await this.store.range(swarmId, from, to, nodeId));
  }

  listAlerts(swarmId: string, options: { active?: boolean } = {}): Promise<Alert[]> {
    this.swarm(swarmId);
    return this.alerts.list(swarmId, options);
  }

  async acknowledgeAlert(swarmId: string, id: number): Promise<Alert | null> {
    this.swarm(swarmId);
    const alert = await this.alerts.acknowledge(swarmId, id);
    if (alert) this.emit({ type: "alert", alert });
    return alert;
  }

  nodes(swarmId: string): NodeState[] {
    return this.swarm(swarmId).tracker.list();
  }

  /** Publishes `command` (JSON) to the node's `.../command` topic at QoS 1. */
  async sendCommand(swarmId: string, nodeId: string, command: unknown): Promise<{ topic: string }> {
    this.swarm(swarmId);
    if (!this.ingestClient) throw new Error("commands need MQTT, and this aggregator runs without a broker");
    const topic = nodeTopic(swarmId, nodeId, "command");
    await this.ingestClient.publish(topic, JSON.stringify(command));
    return { topic };
  }

  /** Live feed of stored records, node state changes and alert changes. */
  subscribe(listener: (event: AggregatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every record accepted so far is stored and every alert change decided so far is written. */
  async flush(): Promise<void> {
    await this.store.flush();
    await Promise.all([...this.swarms.values()].flatMap((s) => [s.engine.settled(), s.tracker.settled()]));
  }

  /** Runs offline detection and absence rules now (the timer calls this every `tickMs`). */
  tick(now: number): void {
    for (const swarm of this.swarms.values()) {
      swarm.tracker.tick(now);
      swarm.engine.onTick(now, swarm.tracker.lastSeen);
    }
  }

  private alertChanged(alert: Alert, change: "fired" | "cleared"): void {
    this.emit({ type: "alert", alert });
    const url = this.swarms.get(alert.swarmId)?.config.webhookUrl;
    if (change === "fired" && url) void postWebhook(url, { type: "alert", alert }, this.log);
  }

  private emit(event: AggregatorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log(`a live-feed listener failed: ${(error as Error).message}`);
      }
    }
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await this.ingestClient?.stop().catch(() => undefined);
    await this.store.close().catch((error: Error) => this.log(`final flush failed: ${error.message}`));
    await Promise.all([...this.swarms.values()].flatMap((s) => [s.engine.settled(), s.tracker.settled()]));
    await this.broker?.close();
  }
}
