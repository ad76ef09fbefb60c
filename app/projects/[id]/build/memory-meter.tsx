import type { MemoryUse } from "./build-events";
import { memoryBars, type MemoryBar } from "./memory-bars";

const segmentColor = ["bg-indigo-500", "bg-indigo-300"];

function Meter({ bar, nodeId }: { bar: MemoryBar; nodeId: string }) {
  const detail =
    bar.key === "ram" && bar.segments.length === 2
      ? `${bar.segments[0].bytes.toLocaleString("en")} static + ${bar.segments[1].bytes.toLocaleString("en")} stack reserve: ${bar.bytes}`
      : bar.bytes;
  return (
    <div data-testid={`memory-${bar.key}`}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-slate-700">{bar.label}</span>
        <span className={`tabular-nums ${bar.over ? "font-semibold text-rose-700" : "text-slate-600"}`}>
          {bar.summary} · {bar.percent}%{bar.over ? " — over budget" : ""}
        </span>
      </div>
      <div
        role="meter"
        aria-label={`${bar.label} use of ${nodeId}`}
        aria-valuemin={0}
        aria-valuemax={bar.budget}
        aria-valuenow={Math.min(bar.used, bar.budget)}
        aria-valuetext={`${bar.bytes} (${bar.percent}%)${bar.over ? ", over budget" : ""}`}
        className={`mt-1 flex h-2 overflow-hidden rounded-full ${bar.over ? "bg-rose-100" : "bg-slate-100"}`}
      >
        {bar.segments.map((segment, index) => (
          <div
            key={segment.label}
            title={`${segment.label}: ${segment.bytes.toLocaleString("en")} bytes`}
            className={`h-full ${bar.over ? "bg-rose-500" : (segmentColor[index] ?? "bg-indigo-200")}`}
            style={{ width: `${segment.width}%`, opacity: bar.over && index > 0 ? 0.6 : 1 }}
          />
        ))}
      </div>
      <p className={`mt-0.5 text-[11px] tabular-nums ${bar.over ? "text-rose-600" : "text-slate-500"}`}>{detail}</p>
    </div>
  );
}

/** Flash and RAM against the board's budget; red once a figure is over it. */
export function MemoryMeters({ memory, nodeId }: { memory: MemoryUse; nodeId: string }) {
  return (
    <div className="space-y-2" aria-label="Memory" role="group">
      {memoryBars(memory).map((bar) => (
        <Meter key={bar.key} bar={bar} nodeId={nodeId} />
      ))}
    </div>
  );
}
