"use client";
import { useState, type ReactNode } from "react";
import { formatBytes } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import { flashSteps, formatSecondsLeft, type FlashState, type FlashView } from "./flash-state";
import { Spinner } from "../workspace/build-status";

interface Props {
  nodeId: string;
  state: FlashState;
  view: FlashView;
  onCancel: () => void;
  onRetry: () => void;
  /** Offered when the chip is read-protected and the route can remove it (it erases the whole chip). */
  onRemoveProtection?: () => void;
  onConfirm: (go: boolean) => void;
  onDismiss: () => void;
  onOpenMonitor: () => void;
}

/** What a node's flash is doing: chooser, wrong-board warning, steps and progress, the verdict. */
export function FlashProgress({ nodeId, state, view, ...on }: Props) {
  switch (state.phase) {
    case "idle":
      return state.notice ? <p className="text-xs text-slate-500">{state.notice}</p> : null;
    case "blocked":
      return (
        <Notice testId={`flash-blocked-${nodeId}`} onDismiss={on.onDismiss}>
          {state.notice}
        </Notice>
      );
    case "choosing":
      return (
        <p className="flex items-center gap-2 text-xs text-slate-600">
          <Spinner /> Choose the board in the browser&apos;s dialog…
        </p>
      );
    case "confirm":
      return (
        <div role="alert" className="space-y-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200">
          <p>{state.notice}</p>
          <div className="flex gap-2">
            <button type="button" className={ui.buttonDanger} onClick={() => on.onConfirm(true)}>
              Flash anyway
            </button>
            <button type="button" className={ui.buttonSecondary} onClick={() => on.onConfirm(false)}>
              Don&apos;t flash
            </button>
          </div>
        </div>
      );
    case "preparing":
      return (
        <div className="flex items-center justify-between gap-2 text-xs text-slate-600">
          <span className="flex items-center gap-2">
            <Spinner /> Loading the image…
          </span>
          <button type="button" className={ui.buttonSecondary} onClick={on.onCancel}>
            Cancel
          </button>
        </div>
      );
    case "running":
      return <Running nodeId={nodeId} state={state} view={view} onCancel={on.onCancel} />;
    case "done":
      return (
        <div
          className="space-y-2 rounded-md bg-emerald-50 p-2 ring-1 ring-emerald-200"
          data-testid={`flash-done-${nodeId}`}
        >
          <p role="status" className="text-sm font-medium text-emerald-800">
            Verified ✓ — {state.bytes.toLocaleString("en-US")} bytes written and read back
          </p>
          <p className="text-xs text-emerald-700">
            {state.chip && <>{state.chip} · </>}
            {(state.durationMs / 1000).toFixed(1)} s
          </p>
          <button type="button" className={ui.buttonSecondary} onClick={on.onOpenMonitor}>
            Open serial monitor
          </button>
        </div>
      );
    case "failed":
      return (
        <div
          role="alert"
          className="space-y-2 rounded-md bg-rose-50 p-2 ring-1 ring-rose-200"
          data-testid={`flash-error-${nodeId}`}
        >
          <p className="text-sm break-words text-rose-800">{state.error?.message}</p>
          <p className="text-xs text-rose-700">
            Error code: <code className="font-mono">{state.error?.code}</code>
          </p>
          {state.error?.code === "read-protected" && on.onRemoveProtection && (
            <RemoveProtection nodeId={nodeId} onConfirmed={on.onRemoveProtection} />
          )}
          <div className="flex gap-2">
            <button type="button" className={ui.buttonPrimary} onClick={on.onRetry}>
              Retry
            </button>
            <button type="button" className={ui.buttonGhost} onClick={on.onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      );
  }
}

/** Removing readout protection mass-erases the chip: only after the user ticks that they understand. */
function RemoveProtection({ nodeId, onConfirmed }: { nodeId: string; onConfirmed: () => void }) {
  const [understood, setUnderstood] = useState(false);
  const id = `rdp-${nodeId}`;
  return (
    <div className="space-y-1 rounded bg-white/60 p-2">
      <label htmlFor={id} className="flex items-start gap-2 text-xs text-rose-800">
        <input id={id} type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />I
        understand that removing readout protection erases the whole chip, including anything not in this image.
      </label>
      <button type="button" className={ui.buttonSecondary} disabled={!understood} onClick={onConfirmed}>
        Remove protection and flash
      </button>
    </div>
  );
}

function Running({ nodeId, state, view, onCancel }: Pick<Props, "nodeId" | "state" | "view" | "onCancel">) {
  const current = state.step ? flashSteps.indexOf(state.step) : -1;
  // Steps before the current one that this protocol skipped (an ESP erases while writing) are left out.
  const shown = flashSteps.filter((step, index) => index >= current || state.visited.includes(step));
  return (
    <div className="space-y-2" data-testid={`flash-running-${nodeId}`}>
      <ol className="flex flex-wrap gap-x-3 gap-y-1 text-[11px]" aria-label="Flash steps">
        {shown.map((step) => (
          <li
            key={step}
            aria-current={step === state.step ? "step" : undefined}
            className={
              step === state.step
                ? "font-semibold text-indigo-700"
                : state.visited.includes(step)
                  ? "text-slate-500"
                  : "text-slate-300"
            }
          >
            {step !== state.step && state.visited.includes(step) ? "✓ " : ""}
            {step}
          </li>
        ))}
      </ol>
      <div className="flex items-center justify-between gap-2 text-xs text-slate-700">
        <span className="flex items-center gap-1.5 font-medium" data-testid="flash-step">
          <Spinner /> {view.stepLabel}
        </span>
        <span className="tabular-nums">{view.percent} %</span>
      </div>
      <div
        role="progressbar"
        aria-label={`Flashing ${nodeId}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
        aria-valuetext={`${view.stepLabel ?? "Starting"}: ${view.percent} %`}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${view.percent}%` }} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 tabular-nums">
        <span data-testid="flash-bytes">
          {view.total > 0 ? `${formatBytes(view.written)} of ${formatBytes(view.total)} written` : "\u00a0"}
        </span>
        <span>
          {view.kibPerSecond !== null && <span data-testid="flash-speed">{view.kibPerSecond.toFixed(1)} KiB/s</span>}
          {view.secondsLeft !== null && view.kibPerSecond !== null && " · "}
          {view.secondsLeft !== null && <span data-testid="flash-eta">{formatSecondsLeft(view.secondsLeft)} left</span>}
        </span>
        <button type="button" className={ui.buttonSecondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {state.instruction && (
        <p
          role="alert"
          data-testid={`flash-instruction-${nodeId}`}
          className="rounded-md bg-amber-50 p-2 text-xs font-medium text-amber-900 ring-1 ring-amber-200"
        >
          {state.instruction}
        </p>
      )}
      {state.chip && (
        <p className="truncate text-[11px] text-slate-500" title={state.chip}>
          {state.chip}
        </p>
      )}
    </div>
  );
}

function Notice(props: { testId: string; onDismiss: () => void; children: ReactNode }) {
  return (
    <div
      role="alert"
      data-testid={props.testId}
      className="flex items-start justify-between gap-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200"
    >
      <p>{props.children}</p>
      <button type="button" className={ui.buttonGhost} onClick={props.onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
