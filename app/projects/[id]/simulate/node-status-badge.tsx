import { approximateLabel, statusLabel, type SimNodeStatus, type SimNodeView } from "./simulate-events";

const tone: Record<SimNodeStatus, string> = {
  queued: "bg-slate-100 text-slate-600 ring-slate-200",
  booting: "bg-sky-50 text-sky-700 ring-sky-200",
  running: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  passed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-rose-50 text-rose-700 ring-rose-200",
  unsupported: "bg-amber-50 text-amber-800 ring-amber-200",
  stopped: "bg-slate-100 text-slate-700 ring-slate-300",
};

/** A node's run status ("failed: timeout", "unsupported: …") and, when it ran on another machine, which. */
export function NodeStatusBadge({ node }: { node: SimNodeView }) {
  const approximate = approximateLabel(node.approximateMachine);
  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      <span
        data-testid="sim-node-status"
        data-status={node.status}
        title={node.detail ?? undefined}
        className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[node.status]}`}
      >
        {statusLabel(node)}
      </span>
      {approximate && (
        <span
          data-testid="sim-node-approximate"
          title={node.approximateMachine ?? undefined}
          className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800 ring-1 ring-amber-200 ring-inset"
        >
          {approximate}
        </span>
      )}
    </div>
  );
}
