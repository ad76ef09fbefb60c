"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime, formatRelativeTime, plural } from "@/app/_components/format";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { RevisionDiff } from "./revision-diff";
import type { SystemSpec } from "@/contracts/spec/schema";

interface Props {
  projectId: string;
  currentRevision: number;
  /** Restoring replaces the editor's spec, so it waits until every edit is saved. */
  canRestore: boolean;
  onRestored: (result: { spec: SystemSpec; revision: number }) => void;
}

export function RevisionsMenu({ projectId, currentRevision, canRestore, onRestored }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const readOnly = useReadOnly();
  /** Every save and restore makes a revision: the list and "against current" diffs are re-read on each opening. */
  const forgetHistory = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.spec.revisions.queryKey({ projectId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.spec.diff.pathKey() });
  };
  /** Up to two revisions ticked to compare: one is compared against the current revision. */
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<{ from: number; to?: number } | null>(null);
  const toggle = (revision: number) => {
    setComparing(null);
    setPicked((list) => (list.includes(revision) ? list.filter((r) => r !== revision) : [...list, revision].slice(-2)));
  };
  const [older, newer] = [...picked].sort((a, b) => a - b);
  const revisions = useQuery(trpc.spec.revisions.queryOptions({ projectId }, { enabled: open }));
  const restore = useMutation(
    trpc.spec.restore.mutationOptions({
      onSuccess: (result) => {
        setOpen(false);
        setPicked([]);
        setComparing(null);
        forgetHistory();
        onRestored(result);
      },
    }),
  );

  return (
    <div className="relative" onKeyDown={(event) => event.key === "Escape" && setOpen(false)}>
      <button
        type="button"
        className={ui.buttonSecondary}
        aria-expanded={open}
        onClick={() => {
          if (!open) forgetHistory();
          setOpen(!open);
        }}
      >
        History
      </button>
      {open && (
        <div
          className={`${ui.card} absolute right-0 z-20 mt-1 w-96 p-1 shadow-lg`}
          role="dialog"
          aria-label="Revisions"
        >
          <p className="px-3 py-2 text-xs text-slate-500">
            Tick one revision to compare it with the current one, or two to compare them. Restoring copies an old
            revision into a new one; nothing is lost.
          </p>
          {revisions.isPending && <p className="px-3 py-2 text-sm text-slate-500">Loading…</p>}
          {restore.error && <p className="px-3 py-2 text-sm text-rose-600">{restore.error.message}</p>}
          <ul className="max-h-80 overflow-y-auto">
            {revisions.data?.map((rev) => (
              <li key={rev.revision} className="flex items-center gap-2 rounded px-3 py-2 hover:bg-slate-50">
                <input
                  type="checkbox"
                  checked={picked.includes(rev.revision)}
                  onChange={() => toggle(rev.revision)}
                  aria-label={`Compare revision ${rev.revision}`}
                />
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-900">
                    rev {rev.revision} <span className="font-normal text-slate-500">· {rev.reason}</span>
                  </p>
                  <p className="text-xs text-slate-500" title={formatDateTime(rev.createdAt)}>
                    {plural(rev.nodeCount, "node")} · {rev.author === "unknown" ? "saved" : `by ${rev.author}`}{" "}
                    {formatRelativeTime(rev.createdAt)}
                  </p>
                </div>
                {rev.revision === currentRevision ? (
                  <span className="text-xs text-slate-400">current</span>
                ) : readOnly ? null : (
                  <button
                    type="button"
                    className={ui.buttonGhost}
                    disabled={!canRestore || restore.isPending}
                    title={canRestore ? undefined : "Wait until your edits are saved"}
                    onClick={() => restore.mutate({ projectId, revision: rev.revision })}
                    aria-label={`Restore revision ${rev.revision}`}
                  >
                    Restore
                  </button>
                )}
              </li>
            ))}
          </ul>
          {picked.length > 0 && !comparing && (
            <div className="border-t border-slate-200 px-3 py-2">
              <button
                type="button"
                className={ui.buttonSecondary}
                disabled={picked.length === 1 && older === currentRevision}
                onClick={() => setComparing(newer === undefined ? { from: older } : { from: older, to: newer })}
              >
                {newer === undefined ? `Compare rev ${older} with current` : `Compare rev ${older} with rev ${newer}`}
              </button>
            </div>
          )}
          {comparing && (
            <RevisionDiff
              projectId={projectId}
              from={comparing.from}
              to={comparing.to}
              onClose={() => setComparing(null)}
            />
          )}
        </div>
      )}
    </div>
  );
}
