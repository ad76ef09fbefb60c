"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { ReactNode } from "react";
import type { SpecNode } from "@/contracts/spec/schema";
import { RoleBadge } from "./role-badge";

export type DeviceNodeData = { node: SpecNode; boardName: string; overlay?: ReactNode };
export type DeviceFlowNode = Node<DeviceNodeData, "device">;

const handleClass = "!h-3 !w-3 !border-2 !border-white !bg-indigo-500";

/** A node card on the device map: name, id, board and role; links start at the right handle. */
export function DeviceNode({ data, selected }: NodeProps<DeviceFlowNode>) {
  const { node, boardName, overlay } = data;
  return (
    <div
      data-testid={`map-node-${node.id}`}
      className={`w-56 rounded-lg border bg-white shadow-sm transition-shadow ${
        selected ? "border-indigo-500 shadow-md ring-2 ring-indigo-500/25" : "border-slate-200 hover:shadow-md"
      }`}
    >
      <Handle type="target" position={Position.Left} className={handleClass} aria-label={`Link into ${node.name}`} />
      <div className="flex items-start justify-between gap-2 px-3 pt-2.5">
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold text-slate-900" data-testid="map-node-name">
            {node.name}
          </p>
          <p className="truncate font-mono text-[11px] text-slate-500">{node.id}</p>
        </div>
        <RoleBadge role={node.role} />
      </div>
      <p
        className="mt-2 truncate border-t border-slate-100 px-3 py-1.5 text-xs text-slate-600"
        data-testid="map-node-board"
        title={boardName}
      >
        {boardName}
      </p>
      {overlay}
      <Handle type="source" position={Position.Right} className={handleClass} aria-label={`Link out of ${node.name}`} />
    </div>
  );
}
