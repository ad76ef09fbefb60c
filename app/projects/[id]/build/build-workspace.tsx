"use client";
import { useEffect, useMemo, useState } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import type { Board } from "@/boards";
import type { SpecNode } from "@/contracts/spec/schema";
import { useBuildRuns, type GeneratorChoice } from "./use-build-runs";
import { referencedSecrets } from "./secret-names";
import { BuildSummaryLine } from "./build-summary";
import { BuildToolbar } from "./build-toolbar";
import type { SpecDocument } from "../design/design-workspace";
import { NodeBuildCard } from "./node-build-card";
import { ProjectHeader } from "../workspace/project-header";
import { SecretsPanel } from "./secrets-panel";
import { SourcePanel } from "./source-panel";
import { StageRail } from "../workspace/stage-rail";

interface Props {
  projectId: string;
  document: SpecDocument;
  boards: readonly Board[];
}

/** The Build stage: one card per node with its live build, the toolbar that starts builds, and secrets. */
export function BuildWorkspace({ projectId, document: { spec, revision }, boards }: Props) {
  const nodeIds = useMemo(() => spec.nodes.map((node) => node.id), [spec.nodes]);
  const [generator, setGenerator] = useState<GeneratorChoice>("auto");
  const [withoutSecrets, setWithoutSecrets] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [sourceOf, setSourceOf] = useState<SpecNode | null>(null);
  const runs = useBuildRuns(projectId, nodeIds, generator);
  const boardNames = useMemo(() => new Map(boards.map((board) => [board.id, board.name])), [boards]);
  const selectedIds = nodeIds.filter((id) => selected.has(id));
  const readOnly = useReadOnly();

  useEffect(() => {
    document.title = `Build · ${spec.name} · Swarm Architect`;
  }, [spec.name]);

  const toggle = (nodeId: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(nodeId);
      else next.delete(nodeId);
      return next;
    });

  return (
    <div className="flex h-screen flex-col">
      <ProjectHeader name={spec.name} revision={revision} />
      <StageRail />
      <div className="flex min-h-0 flex-1">
        <main className="min-w-0 flex-1 overflow-y-auto" aria-label="Build">
          {!readOnly && (
            <BuildToolbar
              generator={generator}
              onGenerator={setGenerator}
              withoutSecrets={withoutSecrets}
              onWithoutSecrets={setWithoutSecrets}
              selectedCount={selectedIds.length}
              nodeCount={nodeIds.length}
              starting={runs.starting}
              onBuildAll={() => runs.start({ withoutSecrets })}
              onBuildSelected={() => runs.start({ nodeIds: selectedIds, withoutSecrets })}
              onRebuildChanged={() => runs.start({ changedOnly: true, withoutSecrets })}
              problem={runs.problem}
              onDismissProblem={runs.dismissProblem}
              onCancel={runs.running ? () => runs.cancel(runs.running!) : null}
              cancelling={runs.cancelling}
            />
          )}
          <div className="space-y-4 p-4">
            {runs.latestId && <BuildSummaryLine buildId={runs.latestId} revision={revision} />}
            {runs.listError && <p className="text-sm text-rose-600">Could not list builds: {runs.listError}</p>}
            {spec.nodes.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
                This project has no nodes yet: add some in Design, then come back to build their firmware.
              </p>
            ) : (
              <ul className="grid grid-cols-[repeat(auto-fill,minmax(320px,1fr))] gap-4" aria-label="Nodes">
                {spec.nodes.map((node) => (
                  <NodeBuildCard
                    key={node.id}
                    projectId={projectId}
                    node={node}
                    boardName={boardNames.get(node.board) ?? node.board}
                    buildId={runs.perNode.get(node.id) ?? null}
                    selected={selected.has(node.id)}
                    onSelect={(on) => toggle(node.id, on)}
                    onViewSource={() => setSourceOf(node)}
                  />
                ))}
              </ul>
            )}
          </div>
        </main>
        {!readOnly && (
          <aside
            className="w-[320px] shrink-0 overflow-y-auto border-l border-slate-200 bg-white"
            aria-label="Build settings"
          >
            <SecretsPanel projectId={projectId} referenced={referencedSecrets(spec.network)} />
          </aside>
        )}
      </div>
      {sourceOf && !readOnly && <SourcePanel projectId={projectId} node={sourceOf} onClose={() => setSourceOf(null)} />}
    </div>
  );
}
