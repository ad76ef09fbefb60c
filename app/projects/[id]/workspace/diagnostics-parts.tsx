"use client";
import { useEffect, useRef } from "react";
import type { LifecycleChip, LogLine, ToolRow } from "./diagnostic-events";

const chipColor: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700",
  claimed: "bg-sky-50 text-sky-700",
  active: "bg-sky-50 text-sky-700",
  succeeded: "bg-emerald-50 text-emerald-700",
  failed: "bg-rose-50 text-rose-700",
  cancelled: "bg-slate-100 text-slate-500",
  "lease-expired": "bg-amber-50 text-amber-700",
  released: "bg-amber-50 text-amber-700",
};
const chip = "inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium";

export function StatusChip({ status }: { status: string }) {
  return (
    <span className={`${chip} ${chipColor[status] ?? "bg-slate-100 text-slate-700"}`} data-testid="diagnostics-status">
      {status}
    </span>
  );
}

export function LifecycleChips({ chips }: { chips: LifecycleChip[] }) {
  if (chips.length === 0) return null;
  return (
    <ol className="flex flex-wrap items-center gap-1" aria-label="Job events">
      {chips.map((c, index) => (
        <li key={c.seq} className="flex items-center gap-1">
          {index > 0 && (
            <span aria-hidden className="text-slate-300">
              →
            </span>
          )}
          <span
            className={`${chip} ${chipColor[c.type] ?? "bg-violet-50 text-violet-700"}`}
            title={c.detail ?? new Date(c.at).toLocaleTimeString()}
          >
            {c.type}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function ToolTable({ tools }: { tools: ToolRow[] }) {
  if (tools.length === 0) return null;
  return (
    <table className="w-full table-fixed text-left text-xs" aria-label="Tools">
      <thead className="text-slate-500">
        <tr>
          <th className="w-20 py-1 font-medium">Tool</th>
          <th className="w-6 py-1 font-medium">
            <span className="sr-only">Found</span>
          </th>
          <th className="py-1 font-medium">Version</th>
          <th className="w-12 py-1 text-right font-medium">ms</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tools.map((tool) => (
          <tr key={tool.seq} data-testid={`tool-${tool.name}`}>
            <td className="py-1 font-mono text-slate-800">{tool.name}</td>
            <td
              className={`py-1 ${tool.ok ? "text-emerald-600" : "text-rose-500"}`}
              aria-label={tool.ok ? "found" : "missing"}
            >
              {tool.ok ? "✓" : "✗"}
            </td>
            <td className={`break-words py-1 ${tool.ok ? "text-slate-700" : "text-slate-400"}`}>{tool.version}</td>
            <td className="py-1 text-right tabular-nums text-slate-500">{tool.durationMs ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The job's console lines, following the newest one as they arrive. */
export function DiagnosticsConsole({ lines }: { lines: LogLine[] }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    box.current?.scrollTo({ top: box.current.scrollHeight });
  }, [lines.length]);
  return (
    <pre
      ref={box}
      data-testid="diagnostics-log"
      aria-label="Diagnostics log"
      className="max-h-56 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-900 p-3 font-mono text-[11px] leading-relaxed text-slate-100"
    >
      {lines.length === 0 ? (
        <span className="text-slate-500">Waiting for output…</span>
      ) : (
        lines.map((l) => <div key={l.seq}>{l.line}</div>)
      )}
    </pre>
  );
}
