"use client";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { SystemSpec } from "@/contracts/spec/schema";
import {
  acceptAll,
  acceptNodes,
  acceptRules,
  isSettled,
  rejectNodes,
  rejectRule,
  startProposal,
  type Merged,
  type PendingProposal,
  type Rule,
} from "./proposal";
import type { Edit } from "./use-device-map";

/** The server's words for a refused description: what to write instead, or when to try again. */
export function describeProposeError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (!error.data) return `Could not reach the server (${error.message}).`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Describe" on the Design stage: asks design.parse for a proposal extending the project, keeps it
 * pending on the map, and writes what the user accepts through the spec store (spec.update), so each
 * acceptance is a revision like any other edit.
 */
export function useDesignProposal(projectId: string, edit: Edit) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [pending, setPending] = useState<PendingProposal | null>(null);
  const parse = useMutation(
    trpc.design.parse.mutationOptions({ onSuccess: (proposal) => setPending(startProposal(proposal)) }),
  );

  const settle = (next: PendingProposal | null) => setPending(next && !isSettled(next) ? next : null);
  /** Applies a merge to the store's current spec (not a copy from render time) and keeps what still waits. */
  const apply = (merge: (spec: SystemSpec, waiting: PendingProposal) => Merged) => {
    if (!pending) return;
    let next = pending;
    edit((spec) => {
      const merged = merge(spec, pending);
      next = merged.pending;
      return merged.spec;
    });
    settle(next);
  };

  return {
    text,
    setText,
    propose: () => parse.mutate({ projectId, text }),
    proposing: parse.isPending,
    error: parse.error ? describeProposeError(parse.error) : null,
    pending,
    acceptNode: (id: string) => apply((spec, waiting) => acceptNodes(spec, waiting, [id])),
    rejectNode: (id: string) => pending && settle(rejectNodes(pending, [id])),
    acceptRule: (rule: Rule) => apply((spec, waiting) => acceptRules(spec, waiting, [rule])),
    rejectRule: (rule: Rule) => pending && settle(rejectRule(pending, rule)),
    acceptAll: () => {
      apply(acceptAll);
      // The sentence is now on the map; the box is ready for the next addition.
      setText("");
    },
    discard: () => setPending(null),
  };
}

export type DesignProposalState = ReturnType<typeof useDesignProposal>;
