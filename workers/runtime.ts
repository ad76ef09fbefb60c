import type { CapabilityInfo } from "../server/queue/workers";
import { WorkerApiError, type ClaimedJob, type WorkerApiClient } from "./api-client";
import { EventBuffer } from "./event-buffer";
import type { JobHandler } from "./jobs/types";

type StopReason = "cancel" | "lease-lost" | "shutdown";

export interface RuntimeOptions {
  name: string;
  slots: number;
  capabilities: CapabilityInfo[];
  handlers: Record<string, JobHandler>;
  /** How long a claim request may wait on the server for a job. */
  claimWaitMs?: number;
}

/** Runs `slots` claim loops against the worker API, each executing one job at a time. */
export class WorkerRuntime {
  private stopping = false;
  private readonly claimAbort = new AbortController();
  private readonly active = new Map<string, (reason: StopReason) => void>();
  private loops: Promise<void>[] = [];
  private heartbeatMs = 10_000;

  constructor(
    private readonly api: WorkerApiClient,
    private readonly options: RuntimeOptions,
  ) {}

  async start(): Promise<void> {
    const { heartbeatMs } = await this.api.register({
      name: this.options.name,
      slots: this.options.slots,
      capabilities: this.options.capabilities,
      kinds: Object.keys(this.options.handlers),
    });
    this.heartbeatMs = heartbeatMs;
    this.loops = Array.from({ length: this.options.slots }, () => this.slotLoop());
  }

  /** Stops claiming, lets running jobs finish for `drainMs`, then releases what is still running. */
  async stop(drainMs: number): Promise<void> {
    this.stopping = true;
    this.claimAbort.abort();
    const drained = Promise.all(this.loops);
    const timer = setTimeout(() => this.active.forEach((abort) => abort("shutdown")), drainMs);
    await drained;
    clearTimeout(timer);
    await this.api.stop().catch(() => undefined);
  }

  private async slotLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let job: ClaimedJob | null = null;
      try {
        job = await this.api.claim(
          Object.keys(this.options.handlers),
          this.options.claimWaitMs ?? 25_000,
          this.claimAbort.signal,
        );
        failures = 0;
      } catch (error) {
        if (this.stopping) break;
        if (error instanceof WorkerApiError && error.status === 404) await this.start().catch(() => undefined);
        failures += 1;
        console.error(`worker: claim failed (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** failures)));
      }
      if (job) await this.runJob(job);
    }
  }

  private async runJob(job: ClaimedJob): Promise<void> {
    const controller = new AbortController();
    let reason: StopReason | null = null;
    const stop = (why: StopReason) => {
      reason ??= why;
      controller.abort(new Error(`job stopped: ${why}`));
    };
    this.active.set(job.id, stop);
    const events = new EventBuffer(this.api, job.id, () => stop("lease-lost"));
    const heartbeat = setInterval(() => {
      this.api.heartbeat(job.id).then(
        ({ cancelRequested }) => cancelRequested && stop("cancel"),
        (error) => (error as { status?: number }).status === 409 && stop("lease-lost"),
      );
    }, this.heartbeatMs);

    const handler = this.options.handlers[job.kind];
    let outcome: { status: "succeeded" | "failed"; result?: unknown; error?: string };
    try {
      const result = await handler({
        job,
        signal: controller.signal,
        emit: (type, data, nodeId) => events.push({ type, data, nodeId }),
        log: (line, nodeId) => events.push({ type: "log", data: { line }, nodeId }),
        api: this.api,
      });
      outcome = { status: "succeeded", result: result ?? {} };
    } catch (error) {
      outcome = { status: "failed", error: (error as Error).message || String(error) };
    } finally {
      clearInterval(heartbeat);
      this.active.delete(job.id);
    }
    await events.flush();
    await this.finish(job.id, reason, outcome);
  }

  private async finish(
    jobId: string,
    reason: StopReason | null,
    outcome: { status: "succeeded" | "failed"; result?: unknown; error?: string },
  ): Promise<void> {
    try {
      if (reason === "lease-lost") return; // another worker owns it now; our result must not land
      if (reason === "shutdown") return void (await this.api.release(jobId));
      if (reason === "cancel") return void (await this.api.complete(jobId, { status: "cancelled" }));
      await this.api.complete(jobId, outcome);
    } catch (error) {
      console.error(`worker: could not report job ${jobId}: ${(error as Error).message}`);
    }
  }
}
