import { isJobKind, jobKinds, type JobKindName } from "../../contracts/jobs";
import type { CapabilityInfo, CompleteBody } from "../../contracts/worker-api";
import { WorkerApiError, type ClaimedJob, type WorkerApiClient } from "./api-client";
import { EventBuffer } from "./event-buffer";
import { isRetryable, type JobContext, type JobHandler, type JobHandlers } from "./job-context";

type StopReason = "cancel" | "lease-lost" | "shutdown";
type Outcome = Omit<CompleteBody, "status"> & { status: "succeeded" | "failed" };
type OutgoingData = NonNullable<CompleteBody["result"]>;

export interface RuntimeOptions {
  name: string;
  slots: number;
  capabilities: CapabilityInfo[];
  handlers: JobHandlers;
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
    console.log(`worker: registered as ${this.api.workerId}`);
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

    let outcome: Outcome;
    try {
      if (!isJobKind(job.kind) || !this.options.handlers[job.kind]) throw new Error(`No handler for ${job.kind}.`);
      const kind: JobKindName = job.kind;
      const definition = jobKinds[kind];
      const payload = definition.payload.safeParse(job.payload);
      if (!payload.success) throw new Error(`Job ${job.id} has a malformed ${kind} payload: ${payload.error.message}`);
      const handler = this.options.handlers[kind] as JobHandler;
      const context: JobContext = {
        job,
        payload: payload.data as JobContext["payload"],
        signal: controller.signal,
        emit: (type, data, nodeId) => events.push({ type, data: data as OutgoingData, nodeId }),
        log: (line, nodeId) => events.push({ type: "log", data: { line }, nodeId }),
        api: this.api,
      };
      // The result is checked here, so a handler bug fails on this worker with a clear message.
      const result = definition.result.parse(await handler(context));
      outcome = { status: "succeeded", result: result as OutgoingData };
    } catch (error) {
      const message = (error as Error).message || String(error);
      outcome = { status: "failed", error: message, retryable: isRetryable(error) };
    } finally {
      clearInterval(heartbeat);
      this.active.delete(job.id);
    }
    await events.flush();
    await this.finish(job.id, reason, outcome);
  }

  private async finish(jobId: string, reason: StopReason | null, outcome: Outcome): Promise<void> {
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
