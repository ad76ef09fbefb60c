"use client";
import { useEffect, useRef, useState } from "react";
import { ui } from "@/app/_components/ui";
import type { DeployLog } from "./deploy-log";

const stepNames: Record<string, string> = {
  init: "terraform init",
  plan: "terraform plan",
  show: "read the plan",
  apply: "terraform apply",
  output: "read the outputs",
  destroy: "terraform destroy",
};

const stepMarks = { started: "…", succeeded: "✓", failed: "✗" } as const;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Terraform's steps and its live (redacted) log for the deployment's current job. */
export function AwsProgress({ log }: { log: DeployLog }) {
  const end = useRef<HTMLPreElement>(null);
  useEffect(() => {
    end.current?.scrollTo({ top: end.current.scrollHeight });
  }, [log.lines.length]);
  if (log.steps.length === 0 && log.lines.length === 0) return null;
  return (
    <div className="mt-3">
      <ol aria-label="Terraform steps" className="flex flex-wrap gap-2 text-xs">
        {log.steps.map((row) => (
          <li
            key={row.step}
            className={`rounded px-2 py-0.5 ${
              row.status === "failed"
                ? "bg-rose-100 text-rose-800"
                : row.status === "succeeded"
                  ? "bg-emerald-100 text-emerald-800"
                  : "bg-indigo-100 text-indigo-800"
            }`}
          >
            {stepMarks[row.status]} {stepNames[row.step] ?? row.step}
            {row.durationMs !== null ? ` (${seconds(row.durationMs)})` : ""}
          </li>
        ))}
      </ol>
      <pre
        ref={end}
        aria-label="Terraform log"
        className="mt-2 max-h-64 overflow-auto rounded-md bg-slate-900 p-2 font-mono text-xs whitespace-pre-wrap text-slate-100"
      >
        {log.lines.map((line) => line.line).join("\n")}
      </pre>
    </div>
  );
}

interface PlanProps {
  planText: string;
  busy: boolean;
  readOnly: boolean;
  onApprove: () => void;
  onDiscard: () => void;
}

/** The saved plan, as terraform shows it (secrets already masked), for the person to apply or discard. */
export function AwsPlanApproval({ planText, busy, readOnly, onApprove, onDiscard }: PlanProps) {
  return (
    <section aria-labelledby="plan-title" className="mt-4 rounded-md border border-indigo-200 bg-indigo-50 p-3">
      <h3 id="plan-title" className="text-sm font-semibold text-indigo-900">
        Terraform plan: review before anything is created
      </h3>
      <pre
        aria-label="Terraform plan"
        className="mt-2 max-h-96 overflow-auto rounded bg-white p-2 font-mono text-xs whitespace-pre-wrap text-slate-800"
      >
        {planText}
      </pre>
      {!readOnly && (
        <div className="mt-2 flex gap-2">
          <button type="button" className={ui.buttonPrimary} disabled={busy} onClick={onApprove}>
            Apply
          </button>
          <button type="button" className={ui.buttonSecondary} disabled={busy} onClick={onDiscard}>
            Discard
          </button>
        </div>
      )}
    </section>
  );
}

/** Destroy behind a confirmation: on AWS it deletes the server and what it stored. */
export function AwsDestroyButton({ busy, onDestroy }: { busy: boolean; onDestroy: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className={ui.buttonDanger} disabled={busy} onClick={() => setConfirming(true)}>
        Destroy
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm destroy" className="flex flex-wrap items-center gap-2 text-sm text-rose-800">
      <span>Destroy the AWS server? Terraform deletes the instance, its address and the telemetry stored on it.</span>
      <button
        type="button"
        className={ui.buttonDanger}
        disabled={busy}
        onClick={() => {
          setConfirming(false);
          onDestroy();
        }}
      >
        Yes, destroy
      </button>
      <button type="button" className={ui.buttonSecondary} onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </div>
  );
}

/** What an AWS deploy needs before its first press. */
export function AwsRequirements() {
  return (
    <p className="mt-2 text-xs text-slate-600">
      Needs the project secrets <code>AWS_ACCESS_KEY_ID</code> and <code>AWS_SECRET_ACCESS_KEY</code> (Build stage,
      Secrets); optional <code>AWS_REGION</code>, <code>AWS_SESSION_TOKEN</code>, and <code>AWS_SSH_CIDR</code> (SSH
      stays closed without it). A worker with terraform plans first; nothing is created until you press Apply.
    </p>
  );
}
