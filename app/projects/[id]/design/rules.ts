import type { SystemSpec } from "@/contracts/spec/schema";

/* The same rules as server/spec/schema.ts, checked in the browser for instant feedback. */
export const NODE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

export const NODE_ID_HINT = "1-40 lower-case letters, digits and dashes, starting with a letter or digit";
export const IDENTIFIER_HINT = "lower-case letters, digits and _, starting with a letter (a C identifier)";

/** Why `candidate` cannot replace node `currentId`'s id, or null when it can. */
export function nodeIdProblem(spec: SystemSpec, currentId: string, candidate: string): string | null {
  if (!NODE_ID_PATTERN.test(candidate)) return `Use ${NODE_ID_HINT}.`;
  if (candidate !== currentId && spec.nodes.some((node) => node.id === candidate)) {
    return `Another node already has the id “${candidate}”.`;
  }
  return null;
}

export function identifierProblem(value: string): string | null {
  return IDENTIFIER_PATTERN.test(value) ? null : `“${value}”: use ${IDENTIFIER_HINT}.`;
}
