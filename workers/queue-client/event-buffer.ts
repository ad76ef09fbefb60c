import type { OutgoingEvent, WorkerApiClient } from "./api-client";

/** Batches a job's events into one POST per tick so a chatty compiler doesn't mean a request per line. */
export class EventBuffer {
  private pending: OutgoingEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: WorkerApiClient,
    private readonly jobId: string,
    private readonly onLeaseLost: () => void,
    private readonly intervalMs = 100,
  ) {}

  push(event: OutgoingEvent): void {
    this.pending.push(event);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Sends everything pushed so far, in order; resolves when the app has stored it. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length > 0) {
      this.sending = this.sending.then(() => this.send(batch));
    }
    return this.sending;
  }

  private async send(batch: OutgoingEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.api.events(this.jobId, batch);
        return;
      } catch (error) {
        if ((error as { status?: number }).status === 409) return this.onLeaseLost();
        if (attempt >= 5) {
          console.error(`worker: dropped ${batch.length} event(s) of job ${this.jobId}: ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }
}
