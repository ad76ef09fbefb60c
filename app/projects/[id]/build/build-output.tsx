"use client";
import { useEffect, useRef } from "react";
import { formatBytes, plural } from "@/app/_components/format";
import type { CompilerDiagnostic, TokenUsage } from "./build-events";
import { artifactHref } from "./build-selection";
import type { LogLine } from "../workspace/diagnostic-events";
import { formatCount } from "./memory-bars";

const severityColor: Record<string, string> = {
  error: "text-rose-700",
  warning: "text-amber-700",
  note: "text-slate-500",
};

/** The compiler's messages as file:line:col severity message; errors in red. */
export function CompilerDiagnostics(props: { items: CompilerDiagnostic[]; iteration: number; fixedIn: number | null }) {
  if (props.items.length === 0) return null;
  return (
    <section aria-label="Compiler diagnostics" className={props.fixedIn ? "opacity-70" : undefined}>
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        Compiler diagnostics · iteration {props.iteration}
        {props.fixedIn && <span className="font-normal normal-case"> (fixed in iteration {props.fixedIn})</span>}
      </h4>
      <ul className="mt-1 max-h-40 space-y-0.5 overflow-auto font-mono text-[11px]" data-testid="compiler-diagnostics">
        {props.items.map((d, index) => (
          <li key={index} className="break-words">
            <span className="text-slate-600">
              {d.file}
              {d.line > 0 ? `:${d.line}` : ""}
              {d.line > 0 && d.column ? `:${d.column}` : ""}
            </span>{" "}
            <span className={`font-semibold ${severityColor[d.severity] ?? "text-slate-700"}`}>{d.severity}</span>{" "}
            <span className={d.severity === "error" ? "text-rose-700" : "text-slate-800"}>{d.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The job's log lines, folded away until asked for; follows the newest line while open. */
export function BuildLog({ lines, nodeId }: { lines: LogLine[]; nodeId: string }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    box.current?.scrollTo({ top: box.current.scrollHeight });
  }, [lines.length]);
  return (
    <details className="group text-xs">
      <summary className="cursor-pointer select-none font-medium text-slate-600 hover:text-slate-900">
        Log <span className="font-normal text-slate-400">({plural(lines.length, "line")})</span>
      </summary>
      <pre
        ref={box}
        aria-label={`Build log of ${nodeId}`}
        tabIndex={0}
        className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-900 p-2 font-mono text-[11px] leading-relaxed text-slate-100"
      >
        {lines.length === 0 ? (
          <span className="text-slate-400">No output yet.</span>
        ) : (
          lines.map((l) => <div key={l.seq}>{l.line}</div>)
        )}
      </pre>
    </details>
  );
}

export function UsageLine({ usage }: { usage: TokenUsage }) {
  return (
    <p className="text-xs text-slate-600" data-testid="token-usage">
      <span className="font-medium text-slate-700">Tokens</span> {formatCount(usage.inputTokens)} in ·{" "}
      {formatCount(usage.outputTokens)} out
      {usage.cacheReadInputTokens > 0 && <> · {formatCount(usage.cacheReadInputTokens)} cache read</>}
      {usage.cacheCreationInputTokens > 0 && <> · {formatCount(usage.cacheCreationInputTokens)} cache write</>}
    </p>
  );
}

const kindOrder = ["elf", "bin", "hex"];

export function ArtifactLinks(props: {
  buildId: string;
  nodeId: string;
  artifacts: { kind: string; name: string; size: number }[];
  /** On a share link's pages: the download goes through the link. */
  shareToken?: string;
}) {
  if (props.artifacts.length === 0) return null;
  const sorted = [...props.artifacts].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Downloads">
      {sorted.map((artifact) => (
        <li key={artifact.kind}>
          <a
            href={artifactHref(props.buildId, props.nodeId, artifact.kind, props.shareToken)}
            download={artifact.name}
            aria-label={`Download ${artifact.name} (${formatBytes(artifact.size)})`}
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-200 px-2 py-1 text-xs text-slate-700 hover:border-indigo-300 hover:bg-indigo-50 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <span aria-hidden>↓</span>
            <span className="font-mono font-medium">.{artifact.kind}</span>
            <span className="text-slate-400">{formatBytes(artifact.size)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
