import type { Aggregator } from "../../../infra/aggregator";
import type { AggregatorEvent } from "../../../infra/aggregator/types";
import type { HistoryRange, TelemetrySource } from "./telemetry-source";

const swarmOf = (event: AggregatorEvent) =>
  event.type === "node" ? event.state.swarmId : event.type === "alert" ? event.alert.swarmId : event.swarmId;

/** The local target: the aggregator running in this process, read directly. */
export class LocalTelemetrySource implements TelemetrySource {
  constructor(
    private readonly aggregator: Aggregator,
    private readonly swarmId: string,
  ) {}

  async latest() {
    return { nodes: this.aggregator.nodes(this.swarmId), latest: await this.aggregator.latest(this.swarmId) };
  }

  history(range: HistoryRange) {
    return this.aggregator.history({ swarmId: this.swarmId, ...range });
  }

  exportCsv(from: Date, to: Date, nodeId?: string) {
    return this.aggregator.exportCsv(this.swarmId, from, to, nodeId);
  }

  listAlerts(options: { active?: boolean }) {
    return this.aggregator.listAlerts(this.swarmId, options);
  }

  acknowledgeAlert(alertId: number) {
    return this.aggregator.acknowledgeAlert(this.swarmId, alertId);
  }

  sendCommand(nodeId: string, command: string) {
    return this.aggregator.sendCommand(this.swarmId, nodeId, command);
  }

  async *events(signal: AbortSignal | undefined): AsyncGenerator<AggregatorEvent, void, undefined> {
    const queue: AggregatorEvent[] = [];
    let wake: (() => void) | null = null;
    const stop = this.aggregator.subscribe((event) => {
      if (swarmOf(event) !== this.swarmId) return;
      queue.push(event);
      wake?.();
    });
    signal?.addEventListener("abort", () => wake?.(), { once: true });
    try {
      while (!signal?.aborted) {
        while (queue.length > 0) yield queue.shift()!;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal?.aborted || queue.length > 0) resolve();
        });
        wake = null;
      }
    } finally {
      stop();
    }
  }
}
