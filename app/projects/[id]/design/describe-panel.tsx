"use client";
import { DescribeBox } from "./describe-box";
import { ProposalPanel } from "./proposal-panel";
import type { MapProposal } from "./proposed-node";
import type { DesignProposalState } from "./use-design-proposal";

/** The Describe box over a map that has nodes (or a proposal), with the pending proposal under it. */
export function DescribePanel({ state }: { state: DesignProposalState }) {
  return (
    <details
      open
      className="absolute right-3 top-3 z-10 max-h-[calc(100%-1.5rem)] w-[360px] overflow-y-auto rounded-lg border border-slate-200 bg-white/95 p-3 shadow-md"
    >
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">Describe</summary>
      <div className="mt-2 flex flex-col gap-3">
        <DescribeBox state={state} />
        {state.pending && <ProposalPanel state={state} pending={state.pending} />}
      </div>
    </details>
  );
}

/** An empty project's first view: the Describe box in the middle of the map, where the eye goes. */
export function DescribeHero({ state }: { state: DesignProposalState }) {
  return (
    // The layer spans the map but lets clicks through to it (Add node, panning); only the card takes them.
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
      <div className="pointer-events-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-5 shadow-md">
        <DescribeBox state={state} prominent />
        <p className="mt-3 border-t border-slate-100 pt-3 text-xs text-slate-500">
          Or press <strong>Add node</strong> for each microcontroller and drag from a node’s right handle to another
          node to show where its data goes.
        </p>
      </div>
    </div>
  );
}

/** What the map draws of the pending proposal, if there is one. */
export function mapProposalOf(state: DesignProposalState): MapProposal | undefined {
  return state.pending ? { pending: state.pending, onAccept: state.acceptNode, onReject: state.rejectNode } : undefined;
}
