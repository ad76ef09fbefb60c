/** A worker counts as online while it has been heard from within this window. */
export const WORKER_ONLINE_WINDOW_MS = 45_000;

export interface OnlineWorker {
  capabilities: string[];
}

/**
 * Why a queued job is not running, in words for its status line, or null when some online
 * worker could take it (it is simply next in line).
 */
export function describeWaiting(requires: string[], online: OnlineWorker[]): string | null {
  if (online.length === 0) return "waiting: no worker online";
  if (online.some((worker) => requires.every((cap) => worker.capabilities.includes(cap)))) return null;
  const missing = requires.filter((cap) => !online.some((worker) => worker.capabilities.includes(cap)));
  if (missing.length > 0) return `waiting: no worker with ${missing.join(", ")} online`;
  return `waiting: no single online worker has all of ${requires.join(", ")}`;
}
