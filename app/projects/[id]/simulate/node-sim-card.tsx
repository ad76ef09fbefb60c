"use client";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { SpecNode } from "@/contracts/spec/schema";
import { ChecksList } from "./checks-list";
import { CommandBox } from "./command-box";
import { NodeConsole } from "./node-console";
import { NodeStatusBadge } from "./node-status-badge";
import type { SimNodeView } from "./simulate-events";
import type { CheckResult } from "@/contracts/simulate";

interface Props {
  node: SpecNode;
  boardName: string;
  view: SimNodeView;
  checks: { checks: CheckResult[]; final: boolean };
  runId: string | null;
}

/** One node of the run: its status, console, expectations and command box. */
export function NodeSimCard({ node, boardName, view, checks, runId }: Props) {
  const headingId = `sim-card-${node.id}-title`;
  const readOnly = useReadOnly();
  return (
    <li>
      <article
        aria-labelledby={headingId}
        data-testid={`sim-card-${node.id}`}
        data-status={view.status}
        className={`${ui.card} flex h-full flex-col gap-3 p-4 ${view.status === "failed" ? "border-rose-200" : ""}`}
      >
        <header className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <h3 id={headingId} className="truncate text-sm font-semibold text-slate-900">
              {node.name} <span className="font-mono text-xs font-normal text-slate-500">{node.id}</span>
            </h3>
            <p className="truncate text-xs text-slate-500">{boardName}</p>
          </div>
          <NodeStatusBadge node={view} />
        </header>
        {view.detail && <p className="text-xs break-words text-slate-600">{view.detail}</p>}
        <NodeConsole nodeId={node.id} lines={view.lines} lineCount={view.lineCount} />
        <ChecksList nodeId={node.id} checks={checks.checks} final={checks.final} />
        {!readOnly && (
          <div className="mt-auto border-t border-slate-100 pt-2">
            <CommandBox runId={runId} nodeId={node.id} enabled={Boolean(runId)} />
          </div>
        )}
      </article>
    </li>
  );
}
