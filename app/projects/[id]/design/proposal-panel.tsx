"use client";
import { plural } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import type { DesignProposalState } from "./use-design-proposal";
import type { PendingProposal } from "./proposal";

/** The pending proposal as a whole: what waits, warnings, rules to accept, Accept all and Discard. */
export function ProposalPanel({ state, pending }: { state: DesignProposalState; pending: PendingProposal }) {
  const { proposal, nodeIds, rules } = pending;
  return (
    <section aria-label="Proposed change" className="flex flex-col gap-3 border-t border-slate-200 pt-3">
      <div>
        <h2 className="text-sm font-semibold text-slate-900">Proposed change</h2>
        <p className="text-xs text-slate-600">
          {plural(nodeIds.length, "node")} and {plural(rules.length, "rule")} waiting, drawn dashed on the map
          {proposal.source === "claude" ? " (written by Claude)" : " (read by the phrase parser)"}. Nothing is saved
          until you accept it.
        </p>
      </div>
      {proposal.warnings.length > 0 && (
        <ul aria-label="Warnings" className="flex flex-col gap-1 rounded-md bg-amber-50 p-2 text-xs text-amber-900">
          {proposal.warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      )}
      {rules.length > 0 && (
        <ul aria-label="Proposed rules" className="flex flex-col gap-1.5">
          {rules.map((rule) => (
            <li
              key={`${rule.when}\u0000${rule.then}`}
              className="flex items-center justify-between gap-2 rounded-md border border-dashed border-indigo-300 px-2 py-1.5"
            >
              <span className="min-w-0 text-xs text-slate-800">
                When <strong>{rule.when}</strong> then <strong>{rule.then}</strong>
              </span>
              <span className="flex shrink-0 gap-1">
                <button
                  type="button"
                  className={ui.buttonGhost}
                  aria-label={`Accept rule: when ${rule.when} then ${rule.then}`}
                  onClick={() => state.acceptRule(rule)}
                >
                  Accept
                </button>
                <button
                  type="button"
                  className={ui.buttonGhostDanger}
                  aria-label={`Reject rule: when ${rule.when} then ${rule.then}`}
                  onClick={() => state.rejectRule(rule)}
                >
                  Reject
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={ui.buttonSecondary} onClick={state.discard}>
          Discard
        </button>
        <button type="button" className={ui.buttonPrimary} onClick={state.acceptAll}>
          Accept all
        </button>
      </div>
    </section>
  );
}
