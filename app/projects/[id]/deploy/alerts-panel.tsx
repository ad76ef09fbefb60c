"use client";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { Alert } from "@/infra/aggregator/types";

interface Props {
  alerts: Alert[];
  acknowledging: number | null;
  error: string | null;
  onAcknowledge: (alertId: number) => void;
}

/** The swarm's alerts, newest first; an unacknowledged one can be acknowledged. */
export function AlertsPanel({ alerts, acknowledging, error, onAcknowledge }: Props) {
  const open = alerts.filter((alert) => !alert.ackedAt).length;
  const readOnly = useReadOnly();
  return (
    <section aria-labelledby="alerts-title" className={`${ui.card} p-4`}>
      <h2 id="alerts-title" className="text-sm font-semibold text-slate-900">
        Alerts <span className="font-normal text-slate-500">({open} unacknowledged)</span>
      </h2>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {error}
        </p>
      )}
      {alerts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No alerts. Rules from the spec raise them here.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100" aria-label="Alerts">
          {alerts.map((alert) => (
            <li key={alert.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <div className="min-w-0">
                <p className={alert.ackedAt ? "text-slate-500" : "font-medium text-rose-800"}>
                  <span className="font-mono">{alert.nodeId}</span>: {alert.message}
                </p>
                <p className="text-xs text-slate-500">
                  {new Date(alert.firedAt).toLocaleString()}
                  {alert.clearedAt ? " · cleared" : " · active"}
                  {alert.ackedAt ? ` · acknowledged ${new Date(alert.ackedAt).toLocaleTimeString()}` : ""}
                </p>
              </div>
              {!alert.ackedAt && !readOnly && (
                <button
                  type="button"
                  className={ui.buttonSecondary}
                  disabled={acknowledging === alert.id}
                  onClick={() => onAcknowledge(alert.id)}
                  aria-label={`Acknowledge alert on ${alert.nodeId}: ${alert.message}`}
                >
                  {acknowledging === alert.id ? "Acknowledging…" : "Acknowledge"}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
