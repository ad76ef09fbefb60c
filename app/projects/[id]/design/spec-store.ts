import type { SystemSpec } from "@/contracts/spec/schema";

/**
 * The project's spec as edited in this tab, with a save queue: every edit applies locally at once
 * and the latest spec is saved after it (at once, or after a pause in typing). Saves never overlap:
 * each one names the revision the previous save returned as its base, so the server refuses
 * (CONFLICT) only when someone else saved in between.
 */

export type SaveStatus = "saved" | "pending" | "saving" | "error" | "conflict";

export interface SpecSnapshot {
  spec: SystemSpec;
  /** The last revision the server confirmed. */
  revision: number;
  status: SaveStatus;
  /** The server's message for the last failed save; cleared by the next successful one. */
  error: string | null;
}

export interface SaveFailure {
  conflict: boolean;
  message: string;
}

export interface SpecStoreOptions {
  send: (spec: SystemSpec, baseRevision: number) => Promise<{ revision: number }>;
  describeError: (error: unknown) => SaveFailure;
  onSaved?: (spec: SystemSpec, revision: number) => void;
  debounceMs?: number;
}

export interface EditOptions {
  /** Wait for a pause (typing) before saving; structural edits save at once. */
  debounce?: boolean;
}

export class SpecStore {
  private snapshot: SpecSnapshot;
  private readonly listeners = new Set<() => void>();
  /** The newest local spec the server has not been sent yet. */
  private unsent: SystemSpec | null = null;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    initial: { spec: SystemSpec; revision: number },
    private readonly options: SpecStoreOptions,
  ) {
    this.snapshot = { ...initial, status: "saved", error: null };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  edit(change: (spec: SystemSpec) => SystemSpec, { debounce = false }: EditOptions = {}) {
    const spec = change(this.snapshot.spec);
    if (spec === this.snapshot.spec) return;
    this.unsent = spec;
    if (this.snapshot.status === "conflict") return this.set({ spec });
    this.clearTimer();
    if (debounce) {
      this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? 400);
      this.set({ spec, status: this.inFlight ? "saving" : "pending" });
    } else {
      this.set({ spec });
      void this.flush();
    }
  }

  /** Sends the local spec again, e.g. after a network error. */
  retry() {
    if (this.snapshot.status === "conflict") return;
    this.unsent = this.snapshot.spec;
    void this.flush();
  }

  /** Sends what is waiting now; when a save is in flight, the next one follows it. */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.inFlight || !this.unsent || this.snapshot.status === "conflict") return;
    const spec = this.unsent;
    this.unsent = null;
    this.inFlight = true;
    this.set({ status: "saving" });
    try {
      const { revision } = await this.options.send(spec, this.snapshot.revision);
      this.inFlight = false;
      this.options.onSaved?.(spec, revision);
      this.set({ revision, error: null, status: this.waitingStatus() ?? "saved" });
    } catch (error) {
      this.inFlight = false;
      const failure = this.options.describeError(error);
      if (failure.conflict) this.set({ status: "conflict", error: failure.message });
      else this.set({ status: this.waitingStatus() ?? "error", error: failure.message });
    }
    if (this.unsent && !this.timer) return this.flush();
  }

  /** True while an edit is not yet confirmed by the server. */
  hasUnsavedChanges() {
    return this.snapshot.status !== "saved";
  }

  private waitingStatus(): SaveStatus | null {
    if (!this.unsent) return null;
    return this.timer ? "pending" : "saving";
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<SpecSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
