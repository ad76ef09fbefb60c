/**
 * The Claude path of design.parse: one forced propose_design call whose input must validate as a
 * SystemSpec (the same zod schema spec.update uses). An invalid answer is sent back once with the
 * zod issues as the tool result; a rejected key fails at once; an unavailable API (rate limit,
 * overload, network) hands over to the offline parser with a warning.
 */
import Anthropic, {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "@anthropic-ai/sdk";
import type { ContentBlock, MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { getBoard } from "../../../../boards";
import { AppError } from "../../../../contracts/errors";
import type { SpecNode, SystemSpec } from "../../../../contracts/spec/schema";
import { formatSpecIssues, safeParseSpec } from "../../../../contracts/spec/validate";
import { explainBoard } from "../board-choice";
import type { Proposed } from "../proposed";
import { buildDesignPrompt } from "./design-prompt";
import { DESIGN_TOOL_NAME, designTool } from "./design-tool";

export interface ClaudeSettings {
  apiKey: string;
  model: string;
  baseURL?: string;
  /** SDK retries of 429/5xx/timeouts per request. */
  maxRetries?: number;
  timeoutMs?: number;
}

/** Answers Claude gets: the first, and one more after its validation errors were fed back. */
export const MAX_ATTEMPTS = 2;

export type ClaudeOutcome = { kind: "proposed"; proposed: Proposed } | { kind: "unavailable"; reason: string };

export async function proposeWithClaude(
  text: string,
  existing: SystemSpec | undefined,
  settings: ClaudeSettings,
): Promise<ClaudeOutcome> {
  const redact = (message: string) => message.split(settings.apiKey).join("[redacted]");
  const client = new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: settings.maxRetries ?? 2,
    timeout: settings.timeoutMs ?? 90_000,
    // The SDK's own log lines are not needed here and must never carry request details to the console.
    logLevel: "off",
  });
  const prompt = buildDesignPrompt(text, existing);
  const messages: MessageParam[] = [...prompt.messages];
  let problem = "";
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let content: ContentBlock[];
    let stopReason: string | null;
    try {
      const message = await client.messages.create({
        model: settings.model,
        max_tokens: 16_000,
        system: prompt.system,
        messages,
        tools: [designTool],
        tool_choice: { type: "tool", name: DESIGN_TOOL_NAME },
      });
      content = message.content;
      stopReason = message.stop_reason;
    } catch (error) {
      return failure(error, settings, redact);
    }
    // The tool is forced and the only one offered, so the tool_use block is the answer.
    const call = content.find((block) => block.type === "tool_use");
    if (!call || call.type !== "tool_use") {
      problem = `the answer had no ${DESIGN_TOOL_NAME} call (stop_reason ${stopReason})`;
      messages.push({ role: "assistant", content: content.length ? content : [{ type: "text", text: "(no answer)" }] });
      messages.push({ role: "user", content: `Answer by calling ${DESIGN_TOOL_NAME} with the whole design.` });
      continue;
    }
    const parsed = safeParseSpec(call.input);
    if (parsed.success && stopReason !== "max_tokens")
      return { kind: "proposed", proposed: fromAnswer(parsed.data, existing) };
    problem = parsed.success ? "the answer was cut off at max_tokens" : formatSpecIssues(parsed.error);
    messages.push({ role: "assistant", content });
    messages.push({
      role: "user",
      content: [
        {
          type: "tool_result",
          tool_use_id: call.id,
          is_error: true,
          content: `The design does not validate: ${problem}. Call ${DESIGN_TOOL_NAME} again with the corrected whole design.`,
        },
      ],
    });
  }
  throw new AppError(
    "BAD_REQUEST",
    redact(
      `Claude's design was still invalid after ${MAX_ATTEMPTS} attempts: ${problem}. Rephrase the description or try again.`,
    ),
  );
}

function failure(error: unknown, settings: ClaudeSettings, redact: (m: string) => string): ClaudeOutcome {
  const apiMessage = error instanceof Error ? error.message : String(error);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    throw new AppError(
      "FORBIDDEN",
      `Anthropic rejected the server's ANTHROPIC_API_KEY (${error.status}): set a valid key, or unset it to use the offline parser.`,
    );
  }
  if (error instanceof NotFoundError) {
    throw new AppError(
      "BAD_REQUEST",
      redact(`Anthropic answered 404 for model "${settings.model}": set ANTHROPIC_MODEL to a model this key can use.`),
    );
  }
  if (error instanceof BadRequestError) {
    throw new AppError("BAD_REQUEST", redact(`Anthropic refused the request (400): ${apiMessage}`));
  }
  if (error instanceof RateLimitError || error instanceof InternalServerError || error instanceof APIConnectionError) {
    const what = error instanceof APIConnectionError ? "could not be reached" : `answered ${error.status}`;
    return {
      kind: "unavailable",
      reason: redact(`the Anthropic API ${what} after ${settings.maxRetries ?? 2} retries`),
    };
  }
  throw new AppError("BAD_REQUEST", redact(`Anthropic request failed: ${apiMessage}`));
}

/** The answer as an extension of the existing design: existing nodes are kept as they were. */
function fromAnswer(answer: SystemSpec, existing: SystemSpec | undefined): Proposed {
  const before = new Map((existing?.nodes ?? []).map((n) => [n.id, n]));
  const warnings: string[] = [];
  const nodes: SpecNode[] = [];
  for (const node of answer.nodes) {
    const old = before.get(node.id);
    if (!old) nodes.push(node);
    else if (JSON.stringify({ ...old, position: 0 }) !== JSON.stringify({ ...node, position: 0 })) {
      warnings.push(`Claude's answer changed the existing node "${node.id}"; it is kept as it was.`);
    }
  }
  const answered = new Set(answer.nodes.map((n) => n.id));
  for (const id of before.keys()) {
    if (!answered.has(id)) warnings.push(`Claude's answer left out the existing node "${id}"; it is kept.`);
  }
  const boardReasons: Record<string, string> = {};
  for (const node of nodes) {
    const board = getBoard(node.board)!;
    boardReasons[node.id] = explainBoard(board, node.role);
    if (board.toolchain.capability === "esp-idf") {
      warnings.push(`${board.name} (node ${node.id}) builds only on a worker with esp-idf; none runs on this machine.`);
    }
  }
  return {
    nodes,
    rules: answer.rules,
    links: answer.links,
    name: answer.name,
    description: answer.description,
    network: answer.network,
    added: nodes.map((n) => ({
      nodeId: n.id,
      reason: `Claude: ${n.behavior.trim() || `${n.role} on ${n.board}`}`.slice(0, 400),
    })),
    boardReasons,
    warnings,
  };
}
