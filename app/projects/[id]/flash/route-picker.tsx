"use client";
import { useId } from "react";
import type { FlashRoute } from "@/boards";

interface Props {
  nodeId: string;
  routes: readonly FlashRoute[];
  selected: number;
  disabled: boolean;
  onSelect: (index: number) => void;
}

/**
 * How this node's board gets flashed: one radio per catalogue route (the first is the catalogue's
 * preference), and the selected route's wiring in one paragraph. A single route shows only its wiring.
 */
export function RoutePicker({ nodeId, routes, selected, disabled, onSelect }: Props) {
  const wiringId = useId();
  const route = routes[selected] ?? routes[0]!;
  return (
    <div className="space-y-2">
      {routes.length > 1 && (
        <fieldset disabled={disabled} aria-describedby={wiringId}>
          <legend className="text-xs font-medium text-slate-600">Flash route</legend>
          <div role="radiogroup" aria-label={`Flash route for ${nodeId}`} className="mt-1 flex flex-wrap gap-1.5">
            {routes.map((candidate, index) => (
              <label
                key={candidate.label}
                className={`flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-xs ring-1 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 ${
                  index === selected
                    ? "bg-indigo-50 font-medium text-indigo-800 ring-indigo-300"
                    : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50"
                }`}
              >
                <input
                  type="radio"
                  name={`flash-route-${nodeId}`}
                  value={index}
                  checked={index === selected}
                  onChange={() => onSelect(index)}
                  className="h-3 w-3 accent-indigo-600"
                />
                {candidate.label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <p
        id={wiringId}
        data-testid={`flash-wiring-${nodeId}`}
        className="rounded-md bg-slate-50 p-2 text-xs text-slate-700 ring-1 ring-slate-200"
      >
        <span className="font-medium text-slate-800">{route.label}: </span>
        {route.wiring}
      </p>
    </div>
  );
}
