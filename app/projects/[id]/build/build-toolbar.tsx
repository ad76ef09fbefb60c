"use client";
import { ui } from "@/app/_components/ui";
import type { StartProblem } from "./build-selection";
import type { GeneratorChoice } from "./use-build-runs";

interface Props {
  generator: GeneratorChoice;
  onGenerator: (generator: GeneratorChoice) => void;
  withoutSecrets: boolean;
  onWithoutSecrets: (withoutSecrets: boolean) => void;
  selectedCount: number;
  nodeCount: number;
  starting: boolean;
  onBuildAll: () => void;
  onBuildSelected: () => void;
  onRebuildChanged: () => void;
  problem: StartProblem | null;
  onDismissProblem: () => void;
  /** Set while the build in view is unfinished. */
  onCancel: (() => void) | null;
  cancelling: boolean;
}

const generators: { value: GeneratorChoice; label: string }[] = [
  { value: "auto", label: "Auto (Claude when a key is set, else templates)" },
  { value: "templates", label: "Offline templates" },
  { value: "anthropic", label: "Claude" },
];

/** Starts builds: all nodes, the ticked ones, or only what changed since the last good build. */
export function BuildToolbar(props: Props) {
  const { selectedCount, nodeCount, starting, problem } = props;
  return (
    <div className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={ui.buttonPrimary}
          onClick={props.onBuildAll}
          disabled={starting || nodeCount === 0}
        >
          Build all
        </button>
        <button
          type="button"
          className={ui.buttonSecondary}
          onClick={props.onBuildSelected}
          disabled={starting || selectedCount === 0}
          title={selectedCount === 0 ? "Tick the nodes to build on their cards" : undefined}
        >
          Build selected{selectedCount > 0 ? ` (${selectedCount})` : ""}
        </button>
        <button
          type="button"
          className={ui.buttonSecondary}
          onClick={props.onRebuildChanged}
          disabled={starting || nodeCount === 0}
          title="Only nodes whose spec, board or pinned source changed since their last successful build"
        >
          Rebuild changed
        </button>
        {props.onCancel && (
          <button type="button" className={ui.buttonSecondary} onClick={props.onCancel} disabled={props.cancelling}>
            {props.cancelling ? "Cancelling…" : "Cancel build"}
          </button>
        )}
        {starting && <span className="text-sm text-slate-500">Starting…</span>}
        <label
          className="ml-auto flex items-center gap-1.5 text-sm text-slate-600"
          title="Wi-Fi password, API keys and broker logins are left empty, so a share link that allows firmware can offer these images"
        >
          <input
            type="checkbox"
            checked={props.withoutSecrets}
            onChange={(event) => props.onWithoutSecrets(event.target.checked)}
          />
          Without secrets (for share links)
        </label>
        <div className="flex items-center gap-2">
          <label htmlFor="build-generator" className="text-sm text-slate-600">
            Generator
          </label>
          <select
            id="build-generator"
            className={`${ui.input} w-auto`}
            value={props.generator}
            onChange={(event) => props.onGenerator(event.target.value as GeneratorChoice)}
          >
            {generators.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {problem && (
        <div
          role={problem.kind === "error" ? "alert" : "status"}
          className={`mt-3 flex items-start justify-between gap-3 rounded-md px-3 py-2 text-sm ${
            problem.kind === "error" ? "bg-rose-50 text-rose-700" : "bg-sky-50 text-sky-800"
          }`}
        >
          <span>
            {problem.kind === "error" ? "Could not start the build: " : ""}
            {problem.message}
          </span>
          <button type="button" className="text-xs font-medium underline" onClick={props.onDismissProblem}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
