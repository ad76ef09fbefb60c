"use client";
import { useId } from "react";
import { ui } from "@/app/_components/ui";
import type { DesignProposalState } from "./use-design-proposal";

const EXAMPLE =
  "three greenhouse sensors reporting temperature every 5 seconds, alert above 30 °C, and a gateway with a fan";

interface Props {
  state: DesignProposalState;
  /** The empty map's version: a heading and an example to start a swarm without reading any docs. */
  prominent?: boolean;
}

/** A sentence in, a proposal on the map out (design.parse); the server's refusals show right here. */
export function DescribeBox({ state, prominent = false }: Props) {
  const id = useId();
  const canPropose = state.text.trim() !== "" && !state.proposing;
  return (
    <form
      className="flex flex-col gap-2"
      aria-label="Describe your swarm"
      onSubmit={(event) => {
        event.preventDefault();
        if (canPropose) state.propose();
      }}
    >
      <label htmlFor={`${id}-text`} className={prominent ? "text-base font-semibold text-slate-900" : ui.label}>
        {prominent ? "Describe your swarm in a sentence" : "Describe what to add"}
      </label>
      {prominent && (
        <p className="text-sm text-slate-600">
          Say how many nodes, which boards, what they measure and what should happen. You accept or reject each proposed
          node on the map.
        </p>
      )}
      <textarea
        id={`${id}-text`}
        className={ui.input}
        rows={prominent ? 3 : 2}
        value={state.text}
        placeholder={EXAMPLE}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? `${id}-error` : undefined}
        onChange={(event) => state.setText(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl/Cmd+Enter proposes, as in a chat box; Enter alone keeps writing.
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && canPropose) {
            event.preventDefault();
            state.propose();
          }
        }}
      />
      {state.error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
          {state.error}
        </p>
      )}
      <div className="flex items-center justify-between gap-2">
        {prominent ? (
          <button type="button" className={ui.buttonGhost} onClick={() => state.setText(EXAMPLE)}>
            Use the example
          </button>
        ) : (
          <span />
        )}
        <button type="submit" className={ui.buttonPrimary} disabled={!canPropose}>
          {state.proposing ? "Proposing…" : "Propose"}
        </button>
      </div>
    </form>
  );
}
