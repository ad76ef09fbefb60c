/**
 * design.parse: turns a plain-language description into a proposal that extends the project's
 * design. With ANTHROPIC_API_KEY Claude writes it (forced tool, validated, one retry with the
 * errors); without it, the offline phrase parser does. Either way the result is validated by the
 * same schema as spec.update and existing nodes are never changed.
 */
import { DESIGN_TEXT_MAX, type DesignProposal } from "../../../contracts/design";
import { AppError } from "../../../contracts/errors";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { formatSpecIssues, parseSpec, safeParseSpec } from "../../../contracts/spec/validate";
import { proposeWithClaude } from "./claude/propose-with-claude";
import { extendSpec } from "./extend-spec";
import { proposeFromPhrases } from "./phrases/propose-from-phrases";
import type { Proposed } from "./proposed";
import { networkWarnings, ruleWarnings } from "./rule-check";

/** The newest Sonnet, as the firmware generator uses (workers/codegen/anthropic DEFAULT_MODEL). */
export const DEFAULT_DESIGN_MODEL = "claude-sonnet-5-5";

export interface ParseDesignEnv {
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  ANTHROPIC_MODEL?: string;
}

export interface ParseDesignInput {
  text: string;
  existing?: SystemSpec;
  /** Usually process.env; passed in so tests and callers decide which path runs. */
  env: ParseDesignEnv;
  /** SDK retries of 429/5xx per Claude request (default 2). */
  maxRetries?: number;
}

export async function parseDesign(input: ParseDesignInput): Promise<DesignProposal> {
  const text = input.text.trim();
  if (text === "") {
    throw new AppError(
      "BAD_REQUEST",
      'Describe the swarm first, e.g. "three greenhouse sensors and a fan controller".',
    );
  }
  if (text.length > DESIGN_TEXT_MAX) {
    throw new AppError(
      "BAD_REQUEST",
      `The description has ${text.length} characters; describe the swarm in at most ${DESIGN_TEXT_MAX}.`,
    );
  }
  if (!/[a-z]{2}/i.test(text)) {
    throw new AppError(
      "BAD_REQUEST",
      `"${text.slice(0, 40)}" has no words to read a design from: describe nodes, sensors and boards.`,
    );
  }
  let existing: SystemSpec | undefined;
  if (input.existing) {
    const checked = safeParseSpec(input.existing);
    if (!checked.success) {
      throw new AppError(
        "BAD_REQUEST",
        `The existing design is invalid, fix it first: ${formatSpecIssues(checked.error)}`,
      );
    }
    existing = checked.data;
  }
  const apiKey = input.env.ANTHROPIC_API_KEY?.trim();
  let proposed: Proposed;
  let source: DesignProposal["source"] = "rules";
  const warnings: string[] = [];
  if (apiKey) {
    const outcome = await proposeWithClaude(text, existing, {
      apiKey,
      model: input.env.ANTHROPIC_MODEL?.trim() || DEFAULT_DESIGN_MODEL,
      baseURL: input.env.ANTHROPIC_BASE_URL?.trim() || undefined,
      maxRetries: input.maxRetries,
    });
    if (outcome.kind === "proposed") {
      proposed = outcome.proposed;
      source = "claude";
    } else {
      warnings.push(`Claude was unavailable (${outcome.reason}), so the offline parser made this proposal.`);
      proposed = proposeFromPhrases(text, existing);
    }
  } else {
    proposed = proposeFromPhrases(text, existing);
  }
  const extended = extendSpec(existing, proposed);
  if (extended.addedNodes.length === 0 && extended.rulesAdded.length === 0) {
    throw new AppError(
      "BAD_REQUEST",
      `"${text.slice(0, 80)}" adds nothing to the design: name the nodes, sensors or rules to add.`,
    );
  }
  const spec = parseSpec(extended.spec);
  const addedIds = new Set(extended.addedNodes.map((n) => n.id));
  return {
    spec,
    added: proposed.added.filter((a) => addedIds.has(a.nodeId)),
    boardReasons: Object.fromEntries(Object.entries(proposed.boardReasons).filter(([id]) => addedIds.has(id))),
    rulesAdded: extended.rulesAdded,
    source,
    warnings: [
      ...new Set([
        ...warnings,
        ...proposed.warnings,
        ...ruleWarnings(spec, extended.rulesAdded),
        ...networkWarnings(spec, extended.addedNodes),
      ]),
    ],
  };
}
