"use client";
import { useQuery } from "@tanstack/react-query";
import { ui } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { isEmptyDiff, type FieldChange, type SpecDiff } from "@/contracts/spec/diff";

interface Props {
  projectId: string;
  from: number;
  /** Omitted: against the current revision. */
  to?: number;
  onClose: () => void;
}

/** What changed between two revisions; every name and value is rendered as text. */
export function RevisionDiff({ projectId, from, to, onClose }: Props) {
  const trpc = useTRPC();
  const result = useQuery(trpc.spec.diff.queryOptions({ projectId, from, to }));
  return (
    <section aria-label="Revision diff" className="border-t border-slate-200 px-3 py-2">
      <div className="flex items-center gap-2">
        <p className="flex-1 text-sm font-medium text-slate-900">
          rev {from} → {to === undefined ? "current" : `rev ${to}`}
          {result.data && to === undefined && <span className="text-slate-500"> (rev {result.data.to})</span>}
        </p>
        <button type="button" className={ui.buttonGhost} onClick={onClose}>
          Close
        </button>
      </div>
      {result.isPending && <p className="py-1 text-sm text-slate-500">Comparing…</p>}
      {result.error && <p className="py-1 text-sm text-rose-600">{result.error.message}</p>}
      {result.data && <DiffBody diff={result.data.diff} />}
    </section>
  );
}

function DiffBody({ diff }: { diff: SpecDiff }) {
  if (isEmptyDiff(diff)) return <p className="py-1 text-sm text-slate-500">No differences.</p>;
  return (
    <ul className="max-h-72 space-y-1 overflow-y-auto py-1 text-sm">
      {diff.project.map((change) => (
        <Change key={`project-${change.field}`} label="project" change={change} />
      ))}
      {diff.nodes.added.map((node) => (
        <li key={`add-${node.id}`} className="text-emerald-700">
          + node {node.name} <span className="text-slate-500">({node.id})</span>
        </li>
      ))}
      {diff.nodes.removed.map((node) => (
        <li key={`remove-${node.id}`} className="text-rose-700">
          − node {node.name} <span className="text-slate-500">({node.id})</span>
        </li>
      ))}
      {diff.nodes.changed.map((node) =>
        node.fields.map((change) => (
          <Change key={`change-${node.id}-${change.field}`} label={`node ${node.name}`} change={change} />
        )),
      )}
      {diff.links.added.map((link) => (
        <li key={`link+${link.from}-${link.to}`} className="text-emerald-700">
          + link {link.from} → {link.to}
        </li>
      ))}
      {diff.links.removed.map((link) => (
        <li key={`link-${link.from}-${link.to}`} className="text-rose-700">
          − link {link.from} → {link.to}
        </li>
      ))}
      {diff.rules.added.map((rule, index) => (
        <li key={`rule+${index}`} className="text-emerald-700">
          + rule when {rule.when} then {rule.then}
        </li>
      ))}
      {diff.rules.removed.map((rule, index) => (
        <li key={`rule-${index}`} className="text-rose-700">
          − rule when {rule.when} then {rule.then}
        </li>
      ))}
    </ul>
  );
}

function Change({ label, change }: { label: string; change: FieldChange }) {
  return (
    <li className="text-amber-800">
      ~ {label}: {change.field}{" "}
      <span className="break-all font-mono text-xs text-slate-600">
        {show(change.before)} → {show(change.after)}
      </span>
    </li>
  );
}

function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
