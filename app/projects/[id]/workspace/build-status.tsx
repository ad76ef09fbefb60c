const chipColor: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  active: "bg-sky-50 text-sky-700 ring-sky-200",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-rose-50 text-rose-700 ring-rose-200",
  cancelled: "bg-slate-100 text-slate-500 ring-slate-200",
};

/** A build or node status as a pill; active ones spin. */
export function BuildStatusChip({ status, testId }: { status: string; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        chipColor[status] ?? chipColor.queued
      }`}
    >
      {status === "active" && <Spinner />}
      {status}
    </span>
  );
}

export function Spinner({ className = "h-3 w-3" }: { className?: string }) {
  return (
    <span
      aria-hidden
      className={`inline-block animate-spin rounded-full border-2 border-current border-r-transparent ${className}`}
    />
  );
}
