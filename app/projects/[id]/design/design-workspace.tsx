"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import type { Board } from "@/boards";
import type { SystemSpec } from "@/contracts/spec/schema";
import type { Edit } from "./use-device-map";
import { useSpecStore } from "./use-spec-store";
import { DeviceMap } from "./device-map";
import { DescribeHero, DescribePanel, mapProposalOf } from "./describe-panel";
import { useDesignProposal } from "./use-design-proposal";
import { DiagnosticsPanel } from "../workspace/diagnostics-panel";
import { NodeInspector } from "./node-inspector";
import { ProjectHeader } from "../workspace/project-header";
import { RevisionsMenu } from "./revisions-menu";
import { SaveBanner } from "./save-banner";
import { SaveStatusBadge } from "./save-status";
import { StageRail } from "../workspace/stage-rail";
import { WorkersPanel } from "../workspace/workers-panel";

export interface SpecDocument {
  spec: SystemSpec;
  revision: number;
}

interface Props {
  projectId: string;
  initial: SpecDocument;
  boards: readonly Board[];
  reloading: boolean;
  onReload: () => void;
  onReplaced: (document: SpecDocument) => void;
}

/** The Design stage: device map, node inspector and the worker sidebar around one spec store. */
export function DesignWorkspace({ projectId, initial, boards, reloading, onReload, onReplaced }: Props) {
  const { store, snapshot } = useSpecStore(projectId, initial);
  const [selectedNodeId, setSelectedNodeId] = useState<string | null>(null);
  const edit: Edit = useCallback((change, options) => store.edit(change, options), [store]);
  const boardNames = useMemo(() => new Map(boards.map((board) => [board.id, board.name])), [boards]);
  const selected = snapshot.spec.nodes.find((node) => node.id === selectedNodeId) ?? null;
  const readOnly = useReadOnly();
  const describe = useDesignProposal(projectId, edit);

  useEffect(() => {
    document.title = `${snapshot.spec.name} · Swarm Architect`;
  }, [snapshot.spec.name]);

  return (
    <div className="flex h-screen flex-col">
      <ProjectHeader name={snapshot.spec.name} revision={snapshot.revision}>
        {!readOnly && <SaveStatusBadge status={snapshot.status} revision={snapshot.revision} />}
        <RevisionsMenu
          projectId={projectId}
          currentRevision={snapshot.revision}
          canRestore={snapshot.status === "saved"}
          onRestored={onReplaced}
        />
      </ProjectHeader>
      <StageRail />
      <SaveBanner snapshot={snapshot} onRetry={() => store.retry()} onReload={onReload} reloading={reloading} />
      <div className="flex min-h-0 flex-1">
        <main className="relative min-w-0 flex-1">
          <DeviceMap
            spec={snapshot.spec}
            boardNames={boardNames}
            selectedNodeId={selectedNodeId}
            onSelectNode={setSelectedNodeId}
            edit={edit}
            readOnly={readOnly}
            proposal={readOnly ? undefined : mapProposalOf(describe)}
            emptyHint={<DescribeHero state={describe} />}
          />
          {!readOnly && (snapshot.spec.nodes.length > 0 || describe.pending) && <DescribePanel state={describe} />}
        </main>
        {selected && (
          <aside
            className="w-[340px] shrink-0 overflow-y-auto border-l border-slate-200 bg-white"
            aria-label="Node inspector"
          >
            <NodeInspector
              key={selected.id}
              spec={snapshot.spec}
              node={selected}
              boards={boards}
              edit={edit}
              onSelectNode={setSelectedNodeId}
            />
          </aside>
        )}
        {/* The viewer's own workers and jobs, not the shared project's: nothing to show a link holder. */}
        {!readOnly && (
          <aside
            className="w-[320px] shrink-0 overflow-y-auto border-l border-slate-200 bg-white"
            aria-label="Workers and diagnostics"
          >
            <WorkersPanel />
            <DiagnosticsPanel />
          </aside>
        )}
      </div>
    </div>
  );
}
