import { z } from "zod";
import { ruleSchema, slugSchema, systemSpecSchema } from "./spec/schema";

/** Longest description `design.parse` accepts; longer text is a document, not a design brief. */
export const DESIGN_TEXT_MAX = 4000;

export const designParseInputSchema = z.strictObject({
  projectId: z.string().min(1).optional(),
  text: z.string().max(DESIGN_TEXT_MAX, `describe the swarm in at most ${DESIGN_TEXT_MAX} characters`),
});

/**
 * What `design.parse` proposes: the existing design extended (never replaced) plus why each new
 * node and board is there, so the UI can show the reasons before the user accepts the proposal.
 */
export const designProposalSchema = z.strictObject({
  spec: systemSpecSchema,
  /** Nodes the proposal adds, in spec order, each with the words that asked for it. */
  added: z.array(z.strictObject({ nodeId: slugSchema, reason: z.string().min(1) })),
  /** Per added node: "<board name>: <why this board>". */
  boardReasons: z.record(slugSchema, z.string().min(1)),
  /** Rules the proposal appends to `spec.rules`. */
  rulesAdded: z.array(ruleSchema),
  /** "claude" when Claude wrote the proposal, "rules" for the offline phrase parser. */
  source: z.enum(["claude", "rules"]),
  /** Things the user should check: assumptions, boards that cannot be built here, dropped words. */
  warnings: z.array(z.string()),
});

export type DesignProposal = z.infer<typeof designProposalSchema>;
export type DesignParseInput = z.infer<typeof designParseInputSchema>;
