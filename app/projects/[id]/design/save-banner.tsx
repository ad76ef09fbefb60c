import { ui } from "@/app/_components/ui";
import type { SpecSnapshot } from "./spec-store";

/** The server's answer when a save failed; the edit stays on screen either way. */
export function SaveBanner(props: {
  snapshot: SpecSnapshot;
  onRetry: () => void;
  onReload: () => void;
  reloading: boolean;
}) {
  const { status, error } = props.snapshot;
  if (status === "conflict") {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900"
      >
        <p className="flex-1">
          <strong>Someone else changed this project</strong> while you were editing. {error} Your latest edits are still
          shown here but were not saved.
        </p>
        <button type="button" className={ui.buttonSecondary} onClick={props.onReload} disabled={props.reloading}>
          {props.reloading ? "Reloading…" : "Reload"}
        </button>
      </div>
    );
  }
  if (!error) return null;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2.5 text-sm text-rose-900"
    >
      <div className="min-w-0 flex-1">
        <p>
          <strong>Your last change was not saved.</strong> It is kept here: fix it and it saves on its own.
        </p>
        <p className="mt-0.5 break-words font-mono text-xs text-rose-700" data-testid="save-error">
          {error}
        </p>
      </div>
      <button type="button" className={ui.buttonSecondary} onClick={props.onRetry}>
        Try again
      </button>
    </div>
  );
}
