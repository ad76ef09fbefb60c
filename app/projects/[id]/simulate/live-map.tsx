"use client";
import { useMemo, type ReactNode } from "react";
import type { SystemSpec } from "@/contracts/spec/schema";
import { DeviceMap } from "../design/device-map";
import type { SimNodeView } from "./simulate-events";
import { displayFields, sparklinePoints } from "./sparkline";

interface Props {
  spec: SystemSpec;
  boardNames: ReadonlyMap<string, string>;
  nodes: Record<string, SimNodeView>;
}

const noop = () => {};

/** The design's device map, read-only, with each node's latest values and a sparkline of its first reading. */
export function LiveMap({ spec, boardNames, nodes }: Props) {
  const overlays = useMemo(
    () =>
      new Map<string, ReactNode>(
        spec.nodes.map((node) => [node.id, <LiveValues key={node.id} nodeId={node.id} view={nodes[node.id]} />]),
      ),
    [spec.nodes, nodes],
  );
  return (
    <DeviceMap
      spec={spec}
      boardNames={boardNames}
      selectedNodeId={null}
      onSelectNode={noop}
      edit={noop}
      readOnly
      overlays={overlays}
    />
  );
}

function LiveValues({ nodeId, view }: { nodeId: string; view: SimNodeView | undefined }) {
  const fields = view?.latest ? displayFields(view.latest) : [];
  const series = view?.series;
  return (
    <div data-testid={`map-live-${nodeId}`} className="border-t border-slate-100 px-3 py-1.5 text-xs">
      {fields.length === 0 ? (
        <p className="text-slate-400">no values yet</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2">
          {fields.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-500">{key}</dt>
              <dd className="truncate font-mono text-slate-900" data-testid={`map-value-${key}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {series && series.values.length > 1 && (
        <svg
          role="img"
          aria-label={`${series.field} over the last ${series.values.length} readings`}
          viewBox="-1 -1 202 26"
          className="mt-1 h-6 w-full"
          preserveAspectRatio="none"
        >
          <polyline
            points={sparklinePoints(series.values, 200, 24)}
            fill="none"
            stroke="#4f46e5"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      )}
    </div>
  );
}
