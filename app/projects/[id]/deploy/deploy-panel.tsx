"use client";
import { useState } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { RouterOutputs } from "@/app/_trpc/client";
import { AwsDestroyButton, AwsPlanApproval, AwsProgress, AwsRequirements } from "./aws-run";
import type { DeployLog } from "./deploy-log";
import type { DeployTarget } from "./use-deploy";

type DeployView = RouterOutputs["deploy"]["get"];

const targets: { id: DeployTarget; name: string; blurb: string }[] = [
  { id: "local", name: "Local", blurb: "Broker and telemetry service run beside this app: no cloud account needed." },
  { id: "aws", name: "AWS", blurb: "An EC2 server with Mosquitto and the telemetry service, through Terraform." },
];

const statusText: Record<string, string> = {
  none: "Not deployed yet",
  planning: "Planning",
  "awaiting-approval": "Plan ready for approval",
  applying: "Applying the plan",
  deployed: "Deployed",
  destroying: "Destroying",
  failed: "Deploy failed",
  destroyed: "Destroyed",
};

interface Props {
  view: DeployView | null;
  jobLog: DeployLog;
  starting: boolean;
  destroying: boolean;
  deciding: boolean;
  actionError: string | null;
  onDeploy: (target: DeployTarget) => void;
  onApprove: () => void;
  onDiscard: () => void;
  onDestroy: () => void;
  onCancel: () => void;
}

/** Where the swarm's server runs, Deploy and Destroy, and how boards reach it (never its credentials). */
export function DeployPanel(props: Props) {
  const { view, jobLog, starting, destroying, deciding, actionError } = props;
  const [target, setTarget] = useState<DeployTarget>((view?.target as DeployTarget | null) ?? "local");
  const deployed = view?.status === "deployed";
  const aws = view?.target === "aws";
  const running = view?.running ?? false;
  const busy = starting || destroying || deciding || running;
  const readOnly = useReadOnly();
  // An AWS deployment that failed may still have resources in its state: Destroy clears them.
  const destroyable = deployed || (aws && view?.status === "failed");

  return (
    <section aria-labelledby="deploy-title" className={`${ui.card} p-4`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="deploy-title" className="text-sm font-semibold text-slate-900">
          Server
        </h2>
        <p role="status" className="text-sm text-slate-600">
          {starting
            ? "Deploying…"
            : destroying
              ? "Destroying…"
              : view
                ? (statusText[view.status] ?? view.status)
                : "Loading…"}
          {view?.target && !starting && !destroying ? ` (${view.target})` : ""}
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
          {target === "aws" && <AwsRequirements />}
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" className={ui.buttonPrimary} disabled={busy} onClick={() => props.onDeploy(target)}>
              {starting ? "Deploying…" : deployed ? "Deploy again" : "Deploy"}
            </button>
            {aws && running && (
              <button type="button" className={ui.buttonSecondary} onClick={props.onCancel}>
                Cancel
              </button>
            )}
            {destroyable &&
              (aws ? (
                <AwsDestroyButton busy={busy} onDestroy={props.onDestroy} />
              ) : (
                <button type="button" className={ui.buttonDanger} disabled={busy} onClick={props.onDestroy}>
                  {destroying ? "Destroying…" : "Destroy"}
                </button>
              ))}
          </div>
          {deployed && (
            <p className="mt-2 text-xs text-slate-500">
              {aws
                ? "Deploying again plans from the current state; the nodes keep their logins."
                : "Deploying again issues new node logins: every node then needs a rebuild."}
            </p>
          )}
        </>
      )}
      {actionError && (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 p-2 text-sm text-rose-700">
          {actionError}
        </p>
      )}
      {view?.status === "failed" && view.error && !actionError && (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 p-2 font-mono text-xs whitespace-pre-wrap text-rose-700">
          {view.error}
        </p>
      )}
      {deployed && view.warning && (
        <p className="mt-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">{view.warning}</p>
      )}
      {aws && <AwsProgress log={jobLog} />}
      {view?.status === "awaiting-approval" && view.planText !== null && (
        <AwsPlanApproval
          planText={view.planText}
          busy={busy}
          readOnly={readOnly}
          onApprove={props.onApprove}
          onDiscard={props.onDiscard}
        />
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
