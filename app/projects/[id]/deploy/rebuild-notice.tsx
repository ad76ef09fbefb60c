"use client";
import { ui } from "@/app/_components/ui";

interface Props {
  projectId: string;
  nodeIds: string[];
  rebuilding: boolean;
  error: string | null;
  buildId: string | null;
  onRebuild: () => void;
}

/** Nodes whose firmware predates the deploy (it carries the old broker settings), and one click to rebuild them. */
export function RebuildNotice({ projectId, nodeIds, rebuilding, error, buildId, onRebuild }: Props) {
  if (nodeIds.length === 0 && !buildId) return null;
  const buildHref = `/projects/${encodeURIComponent(projectId)}?${new URLSearchParams({ stage: "build", build: buildId ?? "" })}`;
  return (
    <section aria-labelledby="rebuild-title" className={`${ui.card} border-amber-300 bg-amber-50 p-4`}>
      <h2 id="rebuild-title" className="text-sm font-semibold text-amber-900">
        {nodeIds.length > 0 ? "Needs rebuild" : "Rebuild started"}
      </h2>
      {nodeIds.length > 0 && (
        <>
          <p className="mt-1 text-sm text-amber-900">
            Their firmware was built before this deploy, so it does not know the server&apos;s address or logins:
          </p>
          <ul aria-label="Nodes that need a rebuild" className="mt-2 flex flex-wrap gap-2">
            {nodeIds.map((nodeId) => (
              <li key={nodeId} className="rounded bg-white px-2 py-0.5 font-mono text-sm text-amber-900">
                {nodeId}
              </li>
            ))}
          </ul>
          <button type="button" className={`${ui.buttonPrimary} mt-3`} disabled={rebuilding} onClick={onRebuild}>
            {rebuilding
              ? "Starting build…"
              : `Rebuild ${nodeIds.length === 1 ? "this node" : `these ${nodeIds.length} nodes`}`}
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {error}
        </p>
      )}
      {buildId && (
        <p className="mt-2 text-sm">
          <a href={buildHref} className="font-medium text-indigo-700 hover:underline">
            Follow the build in the Build stage →
          </a>
        </p>
      )}
    </section>
  );
}
