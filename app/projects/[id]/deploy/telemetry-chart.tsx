"use client";
import { useQueries } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { chartSeries, csvUrl, rangeWindow, ranges, type LivePoint, type RangeId } from "./dashboard-state";
import type { ChartLine } from "./uplot-chart";

const UPlotChart = dynamic(() => import("./uplot-chart"), {
  ssr: false,
  loading: () => <p className="h-[260px] text-sm text-slate-500">Loading chart…</p>,
});

interface Props {
  projectId: string;
  nodeIds: string[];
  fields: string[];
  live: LivePoint[];
}

/** One field of every node over a range: stored history (bucketed), then live points; CSV export of the range. */
export function TelemetryChart({ projectId, nodeIds, fields, live }: Props) {
  const trpc = useTRPC();
  const [range, setRange] = useState<RangeId>("15m");
  const [span, setSpan] = useState(() => rangeWindow("15m", Date.now()));
  const [chosenField, setField] = useState<string | null>(null);
  const [csvNode, setCsvNode] = useState("");
  const field = chosenField && fields.includes(chosenField) ? chosenField : (fields[0] ?? null);
  // The CSV route answers the owner only.
  const canExport = !useReadOnly();

  const histories = useQueries({
    queries: nodeIds.map((nodeId) =>
      trpc.telemetry.history.queryOptions(
        { projectId, nodeId, field: field ?? "-", from: span.from, to: span.to, buckets: 300 },
        { enabled: field !== null, staleTime: Infinity },
      ),
    ),
  });
  const historyError = histories.find((query) => query.error)?.error?.message ?? null;
  const historyData = histories.map((query) => query.data);
  const lines: ChartLine[] = useMemo(
    () =>
      field === null
        ? []
        : nodeIds.map((nodeId, i) => {
            const [xs, ys] = chartSeries(historyData[i] ?? [], live, nodeId, field, span.to);
            return { label: nodeId, xs, ys };
          }),
    // historyData is a new array each render; its items are stable query results.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [field, nodeIds.join(","), live, span.to, ...historyData],
  );

  const chooseRange = (next: RangeId) => {
    setRange(next);
    setSpan(rangeWindow(next, Date.now()));
  };

  return (
    <section aria-labelledby="chart-title" className={`${ui.card} p-4`}>
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="chart-title" className="mr-auto text-sm font-semibold text-slate-900">
          Over time
        </h2>
        <label className={ui.label}>
          Field
          <select
            className={`${ui.input} mt-1`}
            value={field ?? ""}
            onChange={(event) => setField(event.target.value)}
            disabled={fields.length === 0}
          >
            {fields.length === 0 && <option value="">No numeric data yet</option>}
            {fields.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className={ui.label}>
          Range
          <select
            className={`${ui.input} mt-1`}
            value={range}
            onChange={(event) => chooseRange(event.target.value as RangeId)}
          >
            {ranges.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={ui.buttonSecondary} onClick={() => chooseRange(range)}>
          Refresh
        </button>
      </div>
      {historyError && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          Could not load the history: {historyError}
        </p>
      )}
      <div className="mt-3">
        {field === null ? (
          <p className="text-sm text-slate-500">The chart appears once nodes report numeric values.</p>
        ) : (
          <UPlotChart lines={lines} title={`${field} of every node, ${ranges.find((r) => r.id === range)!.label}`} />
        )}
      </div>
      {canExport && (
        <div className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3">
          <label className={ui.label}>
            Export
            <select className={`${ui.input} mt-1`} value={csvNode} onChange={(event) => setCsvNode(event.target.value)}>
              <option value="">All nodes</option>
              {nodeIds.map((nodeId) => (
                <option key={nodeId} value={nodeId}>
                  {nodeId}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={ui.buttonSecondary}
            // Up to now, so the live points since the range was chosen are in the file too.
            onClick={() =>
              window.location.assign(
                csvUrl(projectId, { from: span.from, to: new Date().toISOString() }, csvNode || undefined),
              )
            }
          >
            Download CSV
          </button>
        </div>
      )}
    </section>
  );
}
