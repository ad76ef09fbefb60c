import type { ArtifactUpload, StoredArtifact } from "../../contracts/artifacts";
import type { FirmwareFile } from "../../contracts/firmware";
import type { NodeConfig } from "../../contracts/node-config";
import type {
  CacheHit,
  ClaimedJob,
  CompleteBody,
  DeployConfig,
  DeployReport,
  OutgoingEvent,
  RegisterAnswer,
  RegisterBody,
} from "../../contracts/worker-api";

export type { ClaimedJob, OutgoingEvent, StoredArtifact, ArtifactUpload };

export class WorkerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The worker's only way to the app: JSON POSTs to /api/worker/*. Registration uses the shared
 * WORKER_TOKEN and returns this worker's own credential; every later call uses that credential.
 */
export class WorkerApiClient {
  private credential: string | null = null;
  private id: string | null = null;

  constructor(
    private readonly serverUrl: string,
    private readonly registrationToken: string,
  ) {}

  /** The id the app gave this worker (for logs); null before registration. */
  get workerId(): string | null {
    return this.id;
  }

  async register(input: RegisterBody): Promise<RegisterAnswer> {
    const answer = await this.post<RegisterAnswer>("register", input, { token: this.registrationToken });
    this.credential = answer.credential;
    this.id = answer.workerId;
    return answer;
  }

  async claim(kinds: string[], waitMs: number, signal: AbortSignal): Promise<ClaimedJob | null> {
    const { job } = await this.post<{ job: ClaimedJob | null }>("claim", { kinds, waitMs }, { signal });
    return job;
  }

  heartbeat(jobId: string) {
    return this.post<{ cancelRequested: boolean }>(this.job(jobId, "heartbeat"), {});
  }

  events(jobId: string, events: OutgoingEvent[]) {
    return this.post<{ lastSeq: number }>(this.job(jobId, "events"), { events });
  }

  complete(jobId: string, outcome: CompleteBody) {
    return this.post(this.job(jobId, "complete"), outcome);
  }

  release(jobId: string) {
    return this.post(this.job(jobId, "release"), {});
  }

  stop() {
    return this.post("stop", {});
  }

  /** Build jobs only: the node's placeholder values (secrets included: the lease holder only). */
  config(jobId: string) {
    return this.post<NodeConfig>(this.job(jobId, "config"), {});
  }

  saveFirmware(jobId: string, files: FirmwareFile[], generator: string) {
    return this.post<{ saved: boolean }>(this.job(jobId, "firmware"), { files, generator });
  }

  attachArtifacts(jobId: string, artifacts: ArtifactUpload[]) {
    return this.post<{ artifacts: StoredArtifact[] }>(this.job(jobId, "artifacts"), { artifacts });
  }

  /** Simulation jobs only: a firmware image of the simulated build. */
  async image(jobId: string, sha256: string): Promise<Uint8Array> {
    const { base64 } = await this.post<{ base64: string }>(this.job(jobId, "image"), { sha256 });
    return new Uint8Array(Buffer.from(base64, "base64"));
  }

  /** Deploy jobs only: terraform's credentials, variables, state and saved plan (the lease holder only). */
  deployConfig(jobId: string) {
    return this.post<DeployConfig>(this.job(jobId, "deployment"), {});
  }

  /** Deploy jobs only: what a run left behind (state after every run, plan, outputs), stored encrypted. */
  reportDeployRun(jobId: string, report: DeployReport) {
    return this.post<{ saved: boolean }>(this.job(jobId, "deployrun"), report);
  }

  async cacheLookup(key: string) {
    return (await this.post<{ hit: CacheHit | null }>("cache/lookup", { key })).hit;
  }

  cacheStore(entry: { key: string; memory: unknown; artifacts: Record<string, string>; toolchain: string }) {
    return this.post("cache/store", entry);
  }

  private job(jobId: string, action: string): string {
    return `jobs/${encodeURIComponent(jobId)}/${action}`;
  }

  private async post<T = unknown>(
    route: string,
    body: object,
    options: { signal?: AbortSignal; token?: string } = {},
  ): Promise<T> {
    const token = options.token ?? this.credential;
    if (!token) throw new WorkerApiError(404, "UNKNOWN_WORKER", `${route}: this worker has not registered yet.`);
    const response = await fetch(`${this.serverUrl}/api/worker/${route}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: options.signal,
    });
    const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    if (!response.ok) {
      const error = payload.error ?? { code: "HTTP", message: `HTTP ${response.status}` };
      throw new WorkerApiError(response.status, error.code, `${route}: ${error.message}`);
    }
    return payload as T;
  }
}
