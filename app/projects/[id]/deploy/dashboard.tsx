"use client";
import Link from "next/link";
import { useMemo } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { AlertsPanel } from "./alerts-panel";
import { numericFields } from "./dashboard-state";
import { NodeCards } from "./node-cards";
import { TelemetryChart } from "./telemetry-chart";
import { useDashboard } from "./use-dashboard";

/** The deployed swarm live: every node's newest values and state, charts, alerts and commands. */
export function Dashboard({ projectId }: { projectId: string }) {
  const dashboard = useDashboard(projectId);
  const { state, nodes } = dashboard;
  const specFields = dashboard.specFields.join(",");
  const fields = useMemo(() => numericFields(state, specFields.split(",")), [state, specFields]);
  const nodeIds = useMemo(() => nodes.map((node) => node.nodeId), [nodes]);
  const readOnly = useReadOnly();

  if (dashboard.loading) return <p className="text-sm text-slate-500">Loading dashboard…</p>;
  if (!dashboard.deployed && readOnly) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        This swarm has no server yet, so there is no dashboard to show.
      </p>
    );
  }
  if (!dashboard.deployed) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        This swarm has no server yet: deploy it in the{" "}
        <Link href={`/projects/${encodeURIComponent(projectId)}?stage=deploy`} className="text-indigo-700 underline">
          Deploy stage
        </Link>{" "}
        first, and its dashboard fills here.
      </p>
    );
  }
  return (
    <div aria-label="Dashboard" role="region" className="flex flex-col gap-4">
      {(dashboard.loadError || dashboard.streamError) && (
        <p role="alert" className="text-sm text-rose-700">
          {dashboard.loadError ?? `Live updates stopped: ${dashboard.streamError}`}
        </p>
      )}
      <NodeCards projectId={projectId} nodes={nodes} />
      <AlertsPanel
        alerts={state.alerts}
        acknowledging={dashboard.acknowledging}
        error={dashboard.acknowledgeError}
        onAcknowledge={dashboard.acknowledge}
      />
      <TelemetryChart projectId={projectId} nodeIds={nodeIds} fields={fields} live={state.live} />
    </div>
  );
}
