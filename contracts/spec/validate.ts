import { z } from "zod";
import { getBoard } from "../../boards";
import { AppError } from "../errors";
import { parseExpectation } from "../expectations";
import { systemSpecSchema, type SystemSpec } from "./schema";

/** Every string in a JSON value with its path, for checks that apply to all text alike. */
function* stringsOf(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === "string") yield [value, path];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsOf(item, [...path, i]);
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) yield* stringsOf(item, [...path, key]);
}

/** The spec schema plus the rules that need the whole document or the board catalogue. */
const checkedSpecSchema = systemSpecSchema.superRefine((spec, ctx) => {
  // PostgreSQL stores no NUL in text or jsonb: refuse it here, with where it is, rather than fail the save.
  for (const [text, path] of stringsOf(spec)) {
    if (text.includes("\u0000")) ctx.addIssue({ code: "custom", path, message: "text cannot contain a NUL character" });
  }
  const seen = new Set<string>();
  spec.nodes.forEach((node, index) => {
    if (seen.has(node.id)) {
      ctx.addIssue({ code: "custom", path: ["nodes", index, "id"], message: `duplicate node id "${node.id}"` });
    }
    seen.add(node.id);
    if (!getBoard(node.board)) {
      ctx.addIssue({ code: "custom", path: ["nodes", index, "board"], message: `unknown board "${node.board}"` });
    }
    node.expect.forEach((item, itemIndex) => {
      const parsed = parseExpectation(item);
      if (!parsed.ok) {
        ctx.addIssue({
          code: "custom",
          path: ["nodes", index, "expect", itemIndex],
          message: `node "${node.id}": ${parsed.message}`,
        });
      }
    });
    for (const [list, items] of [
      ["sensors", node.sensors],
      ["actuators", node.actuators],
    ] as const) {
      const ids = new Set<string>();
      items.forEach((item, itemIndex) => {
        if (ids.has(item.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["nodes", index, list, itemIndex, "id"],
            message: `duplicate id "${item.id}"`,
          });
        }
        ids.add(item.id);
      });
    }
  });
  spec.links.forEach((link, index) => {
    for (const end of ["from", "to"] as const) {
      if (!seen.has(link[end])) {
        ctx.addIssue({ code: "custom", path: ["links", index, end], message: `no node "${link[end]}"` });
      }
    }
    if (link.from === link.to) {
      ctx.addIssue({ code: "custom", path: ["links", index], message: "a node cannot link to itself" });
    }
  });
});

/** One line per problem, each led by its path: `nodes.2.board: unknown board "esp99"`. */
export function formatSpecIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "spec"}: ${issue.message}`)
    .join("; ");
}

export function safeParseSpec(input: unknown) {
  return checkedSpecSchema.safeParse(input);
}

/** Parses and checks a spec, throwing BAD_REQUEST with every failing path. */
export function parseSpec(input: unknown): SystemSpec {
  const result = checkedSpecSchema.safeParse(input);
  if (!result.success) throw new AppError("BAD_REQUEST", `Invalid spec: ${formatSpecIssues(result.error)}`);
  return result.data;
}

/**
 * A spec read back from the database: its shape is parsed, never cast. The catalogue and cross-node
 * rules were checked when it was saved and are not re-applied here, so a board that leaves the
 * catalogue never locks anyone out of their project (the next save or build names it).
 */
export function readStoredSpec(stored: unknown): SystemSpec {
  const result = systemSpecSchema.safeParse(stored);
  if (!result.success) throw new Error(`Stored spec is damaged: ${formatSpecIssues(result.error)}`);
  return result.data;
}
