"use client";
import { useSharedLink } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { SpecNode } from "@/contracts/spec/schema";
import { asMemory } from "./build-events";
import { usePinned } from "./use-firmware";
import { useNodeBuild } from "./use-node-build";
import { BuildStatusChip } from "../workspace/build-status";
import { ArtifactLinks, BuildLog, CompilerDiagnostics, UsageLine } from "./build-output";
import { BuildProgress, BuildTimeline } from "./build-timeline";
import { MemoryMeters } from "./memory-meter";

interface Props {
  projectId: string;
  node: SpecNode;
  boardName: string;
  buildId: string | null;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onViewSource: () => void;
}

/** One node in the Build stage: status, iteration timeline, memory, diagnostics, log and downloads, live. */
export function NodeBuildCard({ projectId, node, boardName, buildId, selected, onSelect, onViewSource }: Props) {
  const { build, node: row, log, error, loading } = useNodeBuild(projectId, buildId, node.id);
  const link = useSharedLink();
  // A link holder sees builds, not sources: no pinned marker, selection or source view.
  const pinned = usePinned(projectId, node.id, !link);
  // Images carry the project's secrets unless the build left them out: only those go through a link.
  const downloadable = !link || (link.allowFirmware && build?.withoutSecrets === true);
  const status = row?.status ?? null;
  const memory = log.memory ?? asMemory(row?.memory);
  const cached = row?.cacheHit || log.iterations.some((it) => it.steps.compile.cacheHit);
  const usage = row?.usage ?? log.usage;
  const lastIteration = log.iterations.at(-1)?.iteration ?? null;
  const diagnostics = log.diagnostics;
  const fixedIn =
    status === "succeeded" && diagnostics && lastIteration && diagnostics.iteration < lastIteration
      ? lastIteration
      : null;
  const headingId = `build-card-${node.id}-title`;

  return (
    <li>
      <article
        aria-labelledby={headingId}
        data-testid={`build-card-${node.id}`}
        data-status={status ?? "none"}
        className={`${ui.card} flex h-full flex-col gap-3 p-4 ${status === "failed" ? "border-rose-200" : ""}`}
      >
        <header className="flex items-start gap-3">
          {!link && (
            <input
              type="checkbox"
              className="mt-1 h-4 w-4 shrink-0 accent-indigo-600"
              checked={selected}
              onChange={(event) => onSelect(event.target.checked)}
              aria-label={`Select ${node.name} (${node.id}) for Build selected`}
            />
          )}
          <div className="min-w-0 flex-1">
            <h3 id={headingId} className="truncate text-sm font-semibold text-slate-900">
              {node.name} <span className="font-mono text-xs font-normal text-slate-500">{node.id}</span>
            </h3>
            <p className="truncate text-xs text-slate-500" data-testid="card-board">
              {boardName}
            </p>
          </div>
          <div className="flex shrink-0 flex-wrap items-center justify-end gap-1">
            {pinned && (
              <span
                className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-200"
                title="Pinned source: builds compile it as is instead of generating"
              >
                Pinned
              </span>
            )}
            {cached && status === "succeeded" && (
              <span
                className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700 ring-1 ring-inset ring-violet-200"
                title="Compile result reused from the cache"
              >
                cached
              </span>
            )}
            {status ? (
              <BuildStatusChip status={status} testId="node-status" />
            ) : (
              <span className="text-xs text-slate-400" data-testid="node-status">
                {loading ? "loading…" : "not built yet"}
              </span>
            )}
          </div>
        </header>

        {status === "queued" && row?.waiting && (
          <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800" data-testid="node-waiting">
            {row.waiting}
          </p>
        )}
        {status === "active" && <BuildProgress log={log} nodeId={node.id} />}
        <BuildTimeline log={log} finalErrorShown={status === "failed" && Boolean(row?.error)} />
        {memory && <MemoryMeters memory={memory} nodeId={node.id} />}
        {status === "failed" && row?.error && (
          <p className="rounded-md bg-rose-50 px-2 py-1.5 text-xs break-words text-rose-700" data-testid="node-error">
            {row.error}
          </p>
        )}
        {error && <p className="text-xs text-rose-600">Could not follow this build: {error}</p>}
        {diagnostics && (
          <CompilerDiagnostics items={diagnostics.items} iteration={diagnostics.iteration} fixedIn={fixedIn} />
        )}
        {usage && <UsageLine usage={usage} />}
        {status === "succeeded" && row?.generator && (
          <p className="text-xs text-slate-500">
            Source: <span className="font-mono">{row.generator}</span>
            {row.iterations > 1 && ` · ${row.iterations} iterations`}
          </p>
        )}
        {buildId && row && row.artifacts.length > 0 && downloadable && (
          <ArtifactLinks buildId={buildId} nodeId={node.id} artifacts={row.artifacts} shareToken={link?.token} />
        )}
        {link?.allowFirmware && build && !build.withoutSecrets && row && row.artifacts.length > 0 && (
          <p className="text-xs text-slate-500" data-testid="firmware-withheld">
            This build carries the project&apos;s secrets, so its firmware is not offered through a link.
          </p>
        )}

        <footer className="mt-auto flex items-start justify-between gap-2 border-t border-slate-100 pt-2">
          <div className="min-w-0 flex-1">{row && <BuildLog lines={log.lines} nodeId={node.id} />}</div>
          {!link && (
            <button
              type="button"
              className={`${ui.buttonGhost} shrink-0 text-xs`}
              onClick={onViewSource}
              aria-label={`View source of ${node.name}`}
            >
              View source
            </button>
          )}
        </footer>
      </article>
    </li>
  );
}
