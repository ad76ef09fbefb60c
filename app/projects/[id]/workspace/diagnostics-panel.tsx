"use client";
import { ui } from "@/app/_components/ui";
import { useDiagnostics } from "./use-diagnostics";
import { DiagnosticsConsole, LifecycleChips, StatusChip, ToolTable } from "./diagnostics-parts";

/** Runs the diagnostics job on a worker and shows its log live (replayed after a reload). */
export function DiagnosticsPanel() {
  const diag = useDiagnostics();
  const { job, log } = diag;
  return (
    <section aria-labelledby="diagnostics-heading" className="space-y-3 border-t border-slate-200 p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id="diagnostics-heading" className={ui.sectionTitle}>
          Diagnostics
        </h2>
        <button type="button" className={ui.buttonSecondary} onClick={diag.run} disabled={diag.starting}>
          {diag.starting ? "Starting…" : "Run diagnostics"}
        </button>
      </div>
      {!diag.jobId && (
        <p className="text-xs text-slate-500">
          Checks every toolchain on a worker and reports its version: a quick end-to-end test of the job queue.
        </p>
      )}
      {diag.startError && <p className="text-sm text-rose-600">{diag.startError}</p>}
      {diag.jobId && (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span className="text-slate-500">
              Job <code className="font-mono">{diag.jobId.slice(0, 8)}</code>
            </span>
            {job && <StatusChip status={job.status} />}
            {job?.waiting && <span className="text-amber-700">{job.waiting}</span>}
          </div>
          {job?.error && <p className="text-xs text-rose-600">{job.error}</p>}
          {diag.jobError && <p className="text-xs text-rose-600">{diag.jobError}</p>}
          <LifecycleChips chips={log.lifecycle} />
          <ToolTable tools={log.tools} />
          <DiagnosticsConsole lines={log.lines} />
        </div>
      )}
    </section>
  );
}
