"use client";
import type { Connection, Edge, EdgeChange, NodeChange, OnDelete } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import type { SystemSpec } from "@/contracts/spec/schema";
import type { DeviceFlowNode } from "./device-node";
import { addLink, linkKey, moveNodes, removeLinks, removeNodes, type XY } from "./spec-edits";
import type { EditOptions } from "./spec-store";

export type Edit = (change: (spec: SystemSpec) => SystemSpec, options?: EditOptions) => void;

interface Options {
  spec: SystemSpec;
  boardNames: ReadonlyMap<string, string>;
  selectedNodeId: string | null;
  onSelectNode: (id: string | null) => void;
  edit: Edit;
}

const omit = <T>(record: Record<string, T>, keys: string[]) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

/**
 * React Flow state derived from the spec. Only what the spec does not hold stays here: measured
 * sizes, positions while a drag is under way, and which edges are selected.
 */
export function useDeviceMap({ spec, boardNames, selectedNodeId, onSelectNode, edit }: Options) {
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [dragging, setDragging] = useState<Record<string, XY>>({});
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());

  const nodes = useMemo<DeviceFlowNode[]>(
    () =>
      spec.nodes.map((node) => ({
        id: node.id,
        type: "device",
        position: dragging[node.id] ?? node.position,
        data: { node, boardName: boardNames.get(node.board) ?? node.board },
        selected: node.id === selectedNodeId,
        measured: measured[node.id],
      })),
    [spec.nodes, dragging, boardNames, selectedNodeId, measured],
  );

  const edges = useMemo<Edge[]>(
    () =>
      spec.links.map((link) => ({
        id: linkKey(link),
        source: link.from,
        target: link.to,
        selected: selectedEdges.has(linkKey(link)),
      })),
    [spec.links, selectedEdges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<DeviceFlowNode>[]) => {
      let selection = selectedNodeId;
      const sizes: Record<string, { width: number; height: number }> = {};
      const live: Record<string, XY> = {};
      const settled: Record<string, XY> = {};
      for (const change of changes) {
        if (change.type === "dimensions" && change.dimensions) sizes[change.id] = change.dimensions;
        if (change.type === "position" && change.position)
          (change.dragging ? live : settled)[change.id] = change.position;
        if (change.type === "select") {
          if (change.selected) selection = change.id;
          else if (selection === change.id) selection = null;
        }
      }
      if (Object.keys(sizes).length) setMeasured((prev) => ({ ...prev, ...sizes }));
      if (Object.keys(live).length) setDragging((prev) => ({ ...prev, ...live }));
      const settledIds = Object.keys(settled);
      if (settledIds.length) {
        // The end of a drag saves at once; arrow-key nudges wait for a pause.
        const fromDrag = settledIds.some((id) => id in dragging);
        edit((current) => moveNodes(current, settled), { debounce: !fromDrag });
        setDragging((prev) => omit(prev, settledIds));
      }
      if (selection !== selectedNodeId) onSelectNode(selection);
    },
    [dragging, edit, onSelectNode, selectedNodeId],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((change) => change.type === "select");
    if (selects.length === 0) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const change of selects) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => edit((current) => addLink(current, { from: connection.source, to: connection.target })),
    [edit],
  );

  const onDelete: OnDelete<DeviceFlowNode, Edge> = useCallback(
    ({ nodes: gone, edges: cut }) => {
      const ids = gone.map((node) => node.id);
      edit((current) =>
        removeLinks(
          removeNodes(current, ids),
          cut.map((e) => ({ from: e.source, to: e.target })),
        ),
      );
      setSelectedEdges(new Set());
      if (selectedNodeId && ids.includes(selectedNodeId)) onSelectNode(null);
    },
    [edit, onSelectNode, selectedNodeId],
  );

  return { nodes, edges, onNodesChange, onEdgesChange, onConnect, onDelete };
}
