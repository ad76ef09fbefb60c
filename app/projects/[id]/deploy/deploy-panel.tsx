"use client";
import { useState } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { RouterOutputs } from "@/app/_trpc/client";
import type { DeployTarget } from "./use-deploy";

type DeployView = RouterOutputs["deploy"]["get"];

const targets: { id: DeployTarget; name: string; blurb: string }[] = [
  { id: "local", name: "Local", blurb: "Broker and telemetry service run beside this app: no cloud account needed." },
  { id: "aws", name: "AWS", blurb: "An EC2 server with Mosquitto and the telemetry service, through Terraform." },
];

const statusText: Record<DeployView["status"], string> = {
  none: "Not deployed yet",
  deployed: "Deployed",
  failed: "Deploy failed",
  destroyed: "Destroyed",
};

interface Props {
  view: DeployView | null;
  starting: boolean;
  destroying: boolean;
  startError: string | null;
  destroyError: string | null;
  onDeploy: (target: DeployTarget) => void;
  onDestroy: () => void;
}

/** Where the swarm's server runs, Deploy and Destroy, and how boards reach it (never its credentials). */
export function DeployPanel({ view, starting, destroying, startError, destroyError, onDeploy, onDestroy }: Props) {
  const [target, setTarget] = useState<DeployTarget>((view?.target as DeployTarget | null) ?? "local");
  const deployed = view?.status === "deployed";
  const busy = starting || destroying;
  const readOnly = useReadOnly();

  return (
    <section aria-labelledby="deploy-title" className={`${ui.card} p-4`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="deploy-title" className="text-sm font-semibold text-slate-900">
          Server
        </h2>
        <p role="status" className="text-sm text-slate-600">
          {starting ? "Deploying…" : destroying ? "Destroying…" : view ? statusText[view.status] : "Loading…"}
          {view?.target && !busy ? ` (${view.target})` : ""}
        </p>
      </div>
      {!readOnly && (
        <>
          <fieldset className="mt-3">
            <legend className={ui.label}>Target</legend>
            <div className="mt-1 grid gap-2 sm:grid-cols-2">
              {targets.map((option) => (
                <label
                  key={option.id}
                  className={`flex cursor-pointer gap-2 rounded-md border p-2 text-sm ${
                    target === option.id ? "border-indigo-500 bg-indigo-50" : "border-slate-200"
                  }`}
                >
                  <input
                    type="radio"
                    name="deploy-target"
                    value={option.id}
                    checked={target === option.id}
                    onChange={() => setTarget(option.id)}
                    disabled={busy}
                    className="mt-0.5"
                  />
                  <span>
                    <span className="font-medium text-slate-900">{option.name}</span>
                    <span className="block text-xs text-slate-500">{option.blurb}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" className={ui.buttonPrimary} disabled={busy} onClick={() => onDeploy(target)}>
              {starting ? "Deploying…" : deployed ? "Deploy again" : "Deploy"}
            </button>
            {deployed && (
              <button type="button" className={ui.buttonDanger} disabled={busy} onClick={onDestroy}>
                {destroying ? "Destroying…" : "Destroy"}
              </button>
            )}
          </div>
          {deployed && (
            <p className="mt-2 text-xs text-slate-500">
              Deploying again issues new node logins: every node then needs a rebuild.
            </p>
          )}
        </>
      )}
      {(startError || destroyError) && (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 p-2 text-sm text-rose-700">
          {startError ?? destroyError}
        </p>
      )}
      {view?.status === "failed" && view.error && !startError && (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 p-2 text-sm text-rose-700">
          {view.error}
        </p>
      )}
      {deployed && view.outputs && <DeployOutputs outputs={view.outputs} />}
    </section>
  );
}

/** The deployment's public outputs: addresses only, so this can be copied into a board's settings. */
function DeployOutputs({ outputs }: { outputs: Record<string, string | number> }) {
  const rows = [
    { label: "Broker address", value: `${outputs.mqtt_host}:${outputs.mqtt_port}` },
    { label: "WebSocket URL", value: String(outputs.mqtt_ws_url ?? "") },
    { label: "Server URL", value: String(outputs.server_url ?? "") },
    { label: "Swarm id", value: String(outputs.swarm_id ?? "") },
  ];
  return (
    <dl className="mt-4 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]" aria-label="Deployment outputs">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-slate-500">{row.label}</dt>
          <dd className="font-mono break-all text-slate-900">{row.value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
