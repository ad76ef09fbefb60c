"use client";
import Link from "next/link";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";

export const durations = [
  { ms: 30_000, label: "30 s" },
  { ms: 60_000, label: "60 s" },
  { ms: 120_000, label: "2 min" },
  { ms: 300_000, label: "5 min" },
] as const;

const runWords: Record<string, string> = {
  queued: "Waiting to start",
  active: "Running",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Stopped",
};

interface Props {
  durationMs: number;
  onDuration: (ms: number) => void;
  runStatus: string | null;
  waiting: string | null;
  runError: string | null;
  running: boolean;
  hasBuild: boolean | null;
  starting: boolean;
  onStart: () => void;
  startError: string | null;
  onDismissStartError: () => void;
  stopping: boolean;
  onStop: () => void;
  stopError: string | null;
}

/** Start and Stop with a duration, the run's status (announced as it changes) and why it waits or failed. */
export function SimulateToolbar(props: Props) {
  const { running, hasBuild } = props;
  if (useReadOnly()) return <ReadOnlyRunStatus {...props} />;
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Duration
        <select
          className={`${ui.input} w-auto py-1`}
          value={props.durationMs}
          onChange={(event) => props.onDuration(Number(event.target.value))}
          disabled={running}
        >
          {durations.map((d) => (
            <option key={d.ms} value={d.ms}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {running ? (
        <button type="button" className={ui.buttonDanger} onClick={props.onStop} disabled={props.stopping}>
          {props.stopping ? "Stopping…" : "Stop"}
        </button>
      ) : (
        <button
          type="button"
          className={ui.buttonPrimary}
          onClick={props.onStart}
          disabled={props.starting || hasBuild === false}
        >
          {props.starting ? "Starting…" : "Start"}
        </button>
      )}
      <RunStatus {...props} />
      {hasBuild === false && (
        <p className="text-sm text-amber-800">
          There is no build to simulate yet.{" "}
          <Link href="?stage=build" className="font-medium text-indigo-600 hover:underline">
            Build the swarm first
          </Link>
          .
        </p>
      )}
      {(props.startError || props.stopError) && (
        <p role="alert" className="flex items-center gap-2 text-sm text-rose-600">
          {props.startError ?? props.stopError}
          {props.startError && (
            <button type="button" className={ui.buttonGhost} onClick={props.onDismissStartError}>
              Dismiss
            </button>
          )}
        </p>
      )}
    </div>
  );
}

function RunStatus(props: Pick<Props, "runStatus" | "waiting" | "runError">) {
  return (
    <p role="status" aria-live="polite" className="text-sm text-slate-700" data-testid="run-status">
      {props.runStatus ? (runWords[props.runStatus] ?? props.runStatus) : "No run yet"}
      {props.runStatus === "queued" && props.waiting && `: ${props.waiting}`}
      {props.runStatus === "failed" && props.runError && `: ${props.runError}`}
    </p>
  );
}

/** A share link's view of the run: its status only, nothing to start or stop. */
function ReadOnlyRunStatus(props: Props) {
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
      <RunStatus {...props} />
    </div>
  );
}
