import type { SaveStatus } from "./spec-store";

const look: Record<SaveStatus, { dot: string; text: (revision: number) => string }> = {
  saved: { dot: "bg-emerald-500", text: (revision) => `Saved · rev ${revision}` },
  pending: { dot: "bg-amber-400 animate-pulse", text: () => "Saving…" },
  saving: { dot: "bg-amber-400 animate-pulse", text: () => "Saving…" },
  error: { dot: "bg-rose-500", text: () => "Not saved" },
  conflict: { dot: "bg-rose-500", text: () => "Not saved: changed elsewhere" },
};

export function SaveStatusBadge({ status, revision }: { status: SaveStatus; revision: number }) {
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="save-status"
      className="inline-flex items-center gap-1.5 text-xs text-slate-600"
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${look[status].dot}`} />
      {look[status].text(revision)}
    </span>
  );
}
