import type { AlertStore } from "./alert-store";
import { compare, compileRule, type CompiledRule } from "./rules";
import type { Alert } from "./types";

interface Sample {
  ts: number;
  value: number;
}

/**
 * Evaluates one swarm's compiled rules against its records and the clock, and turns conditions into alerts:
 * fired once when a condition starts (deduplicated while active), cleared when it ends.
 */
export class AlertEngine {
  private rules: CompiledRule[] = [];
  private readonly samples = new Map<string, Sample[]>();
  private readonly active = new Set<string>();
  /** When each named node started being watched, for absence rules on nodes never seen. */
  private readonly watchedSince = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly swarmId: string,
    private readonly store: AlertStore,
    private readonly onAlert: (alert: Alert, change: "fired" | "cleared") => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Replaces the rules; returns one error per rule that cannot be evaluated (those rules are skipped). */
  setRules(rules: { when: string; then: string }[]): string[] {
    const errors: string[] = [];
    this.rules = [];
    for (const rule of rules) {
      const compiled = compileRule(rule);
      if ("error" in compiled) errors.push(compiled.error);
      else this.rules.push(compiled);
    }
    return errors;
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  /** Loads the alerts already active (after a restart), so they are not fired twice. */
  async load(): Promise<void> {
    for (const alert of await this.store.list(this.swarmId, { active: true, limit: 100_000 })) {
      this.active.add(`${alert.ruleKey}\u0000${alert.nodeId}`);
    }
  }

  onTelemetry(nodeId: string, ts: number, record: Record<string, unknown>): void {
    for (const rule of this.rules) {
      if (rule.node && rule.node !== nodeId) continue;
      if (rule.kind === "absence") {
        this.set(rule, nodeId, false, null);
        continue;
      }
      const value = record[rule.field];
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      if (rule.kind === "threshold") this.set(rule, nodeId, compare(value, rule.op, rule.value), value);
      else this.set(rule, nodeId, this.rateExceeded(rule, nodeId, ts, value), value);
    }
  }

  /** Absence rules: called periodically with every known node's last-seen time. */
  onTick(now: number, lastSeen: Map<string, number>): void {
    for (const rule of this.rules) {
      if (rule.kind !== "absence") continue;
      const nodes = rule.node ? [rule.node] : [...lastSeen.keys()];
      for (const nodeId of nodes) {
        // A named node never seen counts from when the rule started being watched (its first tick).
        if (!this.watchedSince.has(nodeId)) this.watchedSince.set(nodeId, now);
        const seen = lastSeen.get(nodeId) ?? this.watchedSince.get(nodeId) ?? now;
        if (now - seen > rule.afterMs) this.set(rule, nodeId, true, (now - seen) / 1000);
      }
    }
  }

  /** Resolves once every alert change decided so far is stored. */
  settled(): Promise<unknown> {
    return this.chain;
  }

  private rateExceeded(rule: Extract<CompiledRule, { kind: "rate" }>, nodeId: string, ts: number, value: number) {
    const key = `${rule.key}\u0000${nodeId}`;
    const window = (this.samples.get(key) ?? []).filter((s) => ts - s.ts <= rule.periodMs);
    window.push({ ts, value });
    this.samples.set(key, window);
    const values = window.map((s) => s.value);
    const low = Math.min(...values);
    const high = Math.max(...values);
    const change = rule.direction === "rises" ? value - low : rule.direction === "falls" ? high - value : high - low;
    return change > rule.amount;
  }

  private set(rule: CompiledRule, nodeId: string, holds: boolean, value: number | null): void {
    const key = `${rule.key}\u0000${nodeId}`;
    if (holds === this.active.has(key)) return;
    if (holds) this.active.add(key);
    else this.active.delete(key);
    const message = holds ? describe(rule, nodeId, value) : "";
    // Changes are stored in order, so a quick fire-then-clear cannot be written as clear-then-fire.
    this.chain = this.chain
      .then(async () => {
        const alert = holds
          ? await this.store.fire({ swarmId: this.swarmId, nodeId, ruleKey: rule.key, message, value })
          : await this.store.clear(this.swarmId, rule.key, nodeId);
        if (alert) this.onAlert(alert, holds ? "fired" : "cleared");
      })
      .catch((error: Error) => this.log(`alert "${rule.when}" on ${nodeId}: ${error.message}`));
  }
}

function describe(rule: CompiledRule, nodeId: string, value: number | null): string {
  const what =
    rule.kind === "absence"
      ? `no data from ${nodeId} for ${Math.round(value ?? 0)} s`
      : `${rule.when} (${nodeId}: ${rule.field} = ${value})`;
  return rule.then ? `${what}: ${rule.then}` : what;
}
