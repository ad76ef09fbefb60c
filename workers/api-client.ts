import type { CapabilityInfo } from "../server/queue/workers";

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempt: number;
}

export interface OutgoingEvent {
  type: string;
  nodeId?: string | null;
  data?: unknown;
}

export interface ArtifactUpload {
  kind: "elf" | "bin" | "hex" | "manifest" | "bootloader" | "partitions" | "app";
  name: string;
  offset?: number;
  base64?: string;
  sha256?: string;
}

export interface StoredArtifact {
  kind: string;
  name: string;
  sha256: string;
  size: number;
  offset: number | null;
}

export class WorkerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The worker's only way to the app: authenticated JSON POSTs to /api/worker/*. */
export class WorkerApiClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    readonly workerId: string,
  ) {}

  register(input: { name: string; slots: number; capabilities: CapabilityInfo[]; kinds: string[] }) {
    return this.post<{ leaseMs: number; heartbeatMs: number }>("register", { id: this.workerId, ...input });
  }

  async claim(kinds: string[], waitMs: number, signal: AbortSignal): Promise<ClaimedJob | null> {
    const { job } = await this.post<{ job: ClaimedJob | null }>("claim", { kinds, waitMs }, signal);
    return job;
  }

  heartbeat(jobId: string) {
    return this.post<{ cancelRequested: boolean }>(`jobs/${encodeURIComponent(jobId)}/heartbeat`, {});
  }

  events(jobId: string, events: OutgoingEvent[]) {
    return this.post<{ lastSeq: number }>(`jobs/${encodeURIComponent(jobId)}/events`, { events });
  }

  complete(jobId: string, outcome: { status: "succeeded" | "failed" | "cancelled"; result?: unknown; error?: string }) {
    return this.post(`jobs/${encodeURIComponent(jobId)}/complete`, outcome);
  }

  release(jobId: string) {
    return this.post(`jobs/${encodeURIComponent(jobId)}/release`, {});
  }

  stop() {
    return this.post("stop", {});
  }

  /** Build jobs only: the node's placeholder values (secrets included: the lease holder only). */
  config(jobId: string) {
    return this.post<{ values: Record<string, string | undefined>; hints: Record<string, string> }>(
      `jobs/${encodeURIComponent(jobId)}/config`,
      {},
    );
  }

  saveFirmware(jobId: string, files: { path: string; content: string }[], generator: string) {
    return this.post<{ saved: boolean }>(`jobs/${encodeURIComponent(jobId)}/firmware`, { files, generator });
  }

  attachArtifacts(jobId: string, artifacts: ArtifactUpload[]) {
    return this.post<{ artifacts: StoredArtifact[] }>(`jobs/${encodeURIComponent(jobId)}/artifacts`, { artifacts });
  }

  async cacheLookup(key: string) {
    return (
      await this.post<{ hit: { memory: unknown; artifacts: Record<string, string> } | null }>("cache/lookup", { key })
    ).hit;
  }

  cacheStore(entry: { key: string; memory: unknown; artifacts: Record<string, string>; toolchain: string }) {
    return this.post("cache/store", entry);
  }

  private async post<T = unknown>(route: string, body: object, signal?: AbortSignal): Promise<T> {
    const response = await fetch(`${this.serverUrl}/api/worker/${route}`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: JSON.stringify({ workerId: this.workerId, ...body }),
      signal,
    });
    const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    if (!response.ok) {
      const error = payload.error ?? { code: "HTTP", message: `HTTP ${response.status}` };
      throw new WorkerApiError(response.status, error.code, `${route}: ${error.message}`);
    }
    return payload as T;
  }
}
