"use client";
import {
  Background,
  Controls,
  MarkerType,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeTypes,
} from "@xyflow/react";
import { useMemo, useRef, type ReactNode, type RefObject } from "react";
import { ui } from "@/app/_components/ui";
import type { SystemSpec } from "@/contracts/spec/schema";
import { addNode, findFreeSpot, NODE_SIZE } from "./spec-edits";
import { useDeviceMap, type Edit } from "./use-device-map";
import { DeviceNode, type DeviceFlowNode } from "./device-node";
import { ProposedNode, useProposedFlow, type MapProposal, type ProposedFlowNode } from "./proposed-node";

const nodeTypes: NodeTypes = { device: DeviceNode, proposed: ProposedNode };
const defaultEdgeOptions = {
  type: "default",
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
  style: { strokeWidth: 1.75 },
};

interface DeviceMapProps {
  spec: SystemSpec;
  boardNames: ReadonlyMap<string, string>;
  selectedNodeId: string | null;
  onSelectNode: (id: string | null) => void;
  edit: Edit;
  /** A map to look at, not edit (the Simulate stage): no adding, moving, linking or deleting. */
  readOnly?: boolean;
  /** Extra content under a node's card, by node id (the Simulate stage's live values). */
  overlays?: ReadonlyMap<string, ReactNode>;
  /** A design.parse proposal drawn on the map, dashed, until its nodes are accepted or rejected. */
  proposal?: MapProposal;
  /** Shown instead of the default hint while the map is empty (the Design stage's Describe box). */
  emptyHint?: ReactNode;
}

export function DeviceMap(props: DeviceMapProps) {
  return (
    <ReactFlowProvider>
      <MapCanvas {...props} />
    </ReactFlowProvider>
  );
}

function MapCanvas(props: DeviceMapProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const map = useDeviceMap(props);
  const addNodeAtCentre = useAddNode(wrapper, props.edit, props.onSelectNode);
  const { readOnly = false, overlays } = props;
  const proposed = useProposedFlow(props.proposal, props.spec, props.boardNames);
  const nodes = useMemo<(DeviceFlowNode | ProposedFlowNode)[]>(
    () => [
      ...(overlays
        ? map.nodes.map((node) => ({ ...node, data: { ...node.data, overlay: overlays.get(node.id) } }))
        : map.nodes),
      ...proposed.nodes,
    ],
    [map.nodes, overlays, proposed.nodes],
  );
  const edges = useMemo(() => [...map.edges, ...proposed.edges], [map.edges, proposed.edges]);
  return (
    <div ref={wrapper} className="relative h-full w-full" aria-label="Device map" role="region">
      <ReactFlow<DeviceFlowNode | ProposedFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={(changes) => map.onNodesChange(proposed.takeChanges(changes))}
        onEdgesChange={map.onEdgesChange}
        onConnect={map.onConnect}
        // Proposed nodes are not deletable: only the spec's own nodes reach here.
        onDelete={({ nodes: gone, edges: cut }) =>
          map.onDelete({ nodes: gone.filter((node) => node.type === "device"), edges: cut })
        }
        // Nodes cannot be selected on a read-only map, but a click still opens one to read.
        onNodeClick={readOnly ? (_, node) => props.onSelectNode(node.id) : undefined}
        deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.25 }}
        minZoom={0.2}
      >
        <Background gap={20} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" />
        {!readOnly && (
          <Panel position="top-left">
            <button type="button" className={`${ui.buttonPrimary} shadow`} onClick={addNodeAtCentre}>
              <span aria-hidden>+</span> Add node
            </button>
          </Panel>
        )}
      </ReactFlow>
      {props.spec.nodes.length === 0 &&
        proposed.nodes.length === 0 &&
        !readOnly &&
        (props.emptyHint ?? <EmptyMapHint />)}
    </div>
  );
}

/** Adds a node in a free spot near the middle of what the user is looking at, and selects it. */
function useAddNode(wrapper: RefObject<HTMLDivElement | null>, edit: Edit, onSelectNode: (id: string) => void) {
  const { screenToFlowPosition } = useReactFlow();
  return () => {
    const rect = wrapper.current?.getBoundingClientRect();
    const centre = rect
      ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    const origin = { x: centre.x - NODE_SIZE.width / 2, y: centre.y - NODE_SIZE.height / 2 };
    let added: string | null = null;
    edit((spec) => {
      const result = addNode(
        spec,
        findFreeSpot(
          origin,
          spec.nodes.map((node) => node.position),
        ),
      );
      added = result.id;
      return result.spec;
    });
    if (added) onSelectNode(added);
  };
}

function EmptyMapHint() {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
      <div className="max-w-sm rounded-lg border border-dashed border-slate-300 bg-white/90 px-6 py-5 text-center shadow-sm">
        <p className="text-sm font-semibold text-slate-900">Your device map is empty</p>
        <p className="mt-1 text-sm text-slate-600">
          Press <strong>Add node</strong> for each microcontroller in your swarm. Drag from a node’s right handle to
          another node to show where its data goes.
        </p>
      </div>
    </div>
  );
}
