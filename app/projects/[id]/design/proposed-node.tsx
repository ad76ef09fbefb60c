"use client";
import { Handle, Position, useReactFlow, type Edge, type Node, type NodeChange, type NodeProps } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ui } from "@/app/_components/ui";
import type { SpecNode, SystemSpec } from "@/contracts/spec/schema";
import type { DeviceFlowNode } from "./device-node";
import { pendingLinks, pendingNodes, type PendingProposal } from "./proposal";
import { RoleBadge } from "./role-badge";

export type ProposedNodeData = {
  node: SpecNode;
  boardName: string;
  reason: string;
  boardReason?: string;
  onAccept: () => void;
  onReject: () => void;
};
export type ProposedFlowNode = Node<ProposedNodeData, "proposed">;

/** The map's view of a pending proposal: what to draw and what to do when a card is decided. */
export interface MapProposal {
  pending: PendingProposal;
  onAccept: (nodeId: string) => void;
  onReject: (nodeId: string) => void;
}

/** Board reasons read "<board name>: <why>"; the card already names the board on the line above. */
const withoutBoardName = (reason: string, boardName: string) =>
  reason.startsWith(`${boardName}: `) ? reason.slice(boardName.length + 2) : reason;

const handleClass = "!h-3 !w-3 !border-2 !border-white !bg-indigo-300";

/** A node the proposal would add: dashed, badged "proposed", with why it is there and its own Accept / Reject. */
export function ProposedNode({ data }: NodeProps<ProposedFlowNode>) {
  const { node, boardName, reason, boardReason, onAccept, onReject } = data;
  return (
    <div
      role="group"
      aria-label={`Proposed node ${node.name}`}
      data-testid={`proposed-node-${node.id}`}
      className="w-56 rounded-lg border-2 border-dashed border-indigo-400 bg-indigo-50/80 shadow-sm"
    >
      <Handle type="target" position={Position.Left} className={handleClass} isConnectable={false} />
      <div className="flex items-start justify-between gap-2 px-3 pt-2.5">
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold text-slate-900">{node.name}</p>
          <p className="truncate font-mono text-[11px] text-slate-500">{node.id}</p>
        </div>
        <span className="flex shrink-0 flex-col items-end gap-1">
          <span className="rounded-full bg-indigo-600 px-2 py-0.5 text-[11px] font-medium text-white">proposed</span>
          <RoleBadge role={node.role} />
        </span>
      </div>
      {/* Cards sit one column apart: long reasons are clamped, in full on hover and for screen readers. */}
      <p className="mt-1 line-clamp-3 px-3 text-xs text-slate-700" title={reason} data-testid="proposed-node-reason">
        {reason}
      </p>
      <p
        className="mt-1 border-t border-indigo-100 px-3 py-1.5 text-xs text-slate-600"
        title={boardReason ?? boardName}
      >
        <span className="block truncate font-medium text-slate-800">{boardName}</span>
        {boardReason && <span className="line-clamp-3">{withoutBoardName(boardReason, boardName)}</span>}
      </p>
      <div className="nodrag flex justify-end gap-1 border-t border-indigo-100 px-2 py-1.5">
        <button type="button" className={ui.buttonGhostDanger} aria-label={`Reject ${node.name}`} onClick={onReject}>
          Reject
        </button>
        <button type="button" className={ui.buttonPrimary} aria-label={`Accept ${node.name}`} onClick={onAccept}>
          Accept
        </button>
      </div>
      <Handle type="source" position={Position.Right} className={handleClass} isConnectable={false} />
    </div>
  );
}

/** Flow ids of their own, so a proposed node never clashes with a node of the same id added meanwhile. */
const proposedFlowId = (nodeId: string) => `proposed:${nodeId}`;

const proposedEdgeStyle = { strokeWidth: 1.75, strokeDasharray: "6 4", stroke: "#818cf8" };

/**
 * Flow nodes and edges for a pending proposal, drawn beside the spec's own. They cannot be moved,
 * linked, selected or deleted (they are not in the spec yet); their measured sizes are kept here.
 */
export function useProposedFlow(
  proposal: MapProposal | undefined,
  spec: SystemSpec,
  boardNames: ReadonlyMap<string, string>,
) {
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const nodes = useMemo<ProposedFlowNode[]>(() => {
    if (!proposal) return [];
    const { pending, onAccept, onReject } = proposal;
    const reasons = new Map(pending.proposal.added.map((added) => [added.nodeId, added.reason]));
    return pendingNodes(pending).map((node) => ({
      id: proposedFlowId(node.id),
      type: "proposed",
      position: node.position,
      draggable: false,
      connectable: false,
      selectable: false,
      deletable: false,
      // React Flow turns pointer events off on a node that can be neither selected nor dragged; its buttons need them.
      style: { pointerEvents: "all" },
      measured: measured[proposedFlowId(node.id)],
      data: {
        node,
        boardName: boardNames.get(node.board) ?? node.board,
        reason: reasons.get(node.id) ?? "",
        boardReason: pending.proposal.boardReasons[node.id],
        onAccept: () => onAccept(node.id),
        onReject: () => onReject(node.id),
      },
    }));
  }, [proposal, boardNames, measured]);
  const edges = useMemo<Edge[]>(() => {
    if (!proposal) return [];
    const waiting = new Set(proposal.pending.nodeIds);
    const end = (id: string) => (waiting.has(id) ? proposedFlowId(id) : id);
    return pendingLinks(proposal.pending, spec).map((link) => ({
      id: `proposed:${link.from}->${link.to}`,
      source: end(link.from),
      target: end(link.to),
      selectable: false,
      deletable: false,
      style: proposedEdgeStyle,
    }));
  }, [proposal, spec]);
  const ids = useMemo(() => new Set(nodes.map((node) => node.id)), [nodes]);
  /** Keeps the proposed nodes' sizes and hands every other change on to the spec's map. */
  const takeChanges = useCallback(
    (changes: NodeChange<DeviceFlowNode | ProposedFlowNode>[]): NodeChange<DeviceFlowNode>[] => {
      const sizes: Record<string, { width: number; height: number }> = {};
      const rest = changes.filter((change) => {
        if (!("id" in change) || !ids.has(change.id)) return true;
        if (change.type === "dimensions" && change.dimensions) sizes[change.id] = change.dimensions;
        return false;
      });
      if (Object.keys(sizes).length) setMeasured((prev) => ({ ...prev, ...sizes }));
      // What is left is about the spec's own device nodes.
      return rest as NodeChange<DeviceFlowNode>[];
    },
    [ids],
  );
  useFitNewProposal(proposal, nodes);
  return { nodes, edges, takeChanges };
}

/** Room on the right for the Describe panel (describe-panel.tsx) that floats over the map. */
const PROPOSAL_PADDING = { top: "40px", bottom: "40px", left: "40px", right: "400px" } as const;

/** A new proposal may land outside the view (below the design, or on an empty map): show it once its cards are measured. */
function useFitNewProposal(proposal: MapProposal | undefined, nodes: readonly ProposedFlowNode[]) {
  const { fitView } = useReactFlow();
  const fitted = useRef<unknown>(null);
  const ready = nodes.length > 0 && nodes.every((node) => node.measured);
  const current = proposal?.pending.proposal;
  useEffect(() => {
    if (!ready || !current || fitted.current === current) return;
    fitted.current = current;
    void fitView({ padding: PROPOSAL_PADDING, maxZoom: 1, duration: 300 });
  }, [ready, current, fitView]);
}
