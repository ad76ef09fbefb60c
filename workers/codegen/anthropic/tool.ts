import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";

import type { FirmwareFile } from "../types";
import { GeneratorOutputError } from "./errors";

export const TOOL_NAME = "write_firmware";

/** Larger than any image our boards can hold as source; a bigger answer is runaway output. */
export const MAX_TOTAL_BYTES = 512 * 1024;

export const writeFirmwareTool: Tool = {
  name: TOOL_NAME,
  description:
    "Return the complete firmware source tree for the node. Call exactly once with every file the build needs " +
    "(full contents, never diffs or elisions). The files are compiled as they are.",
  input_schema: {
    type: "object",
    properties: {
      files: {
        type: "array",
        minItems: 1,
        description: "Every source file of the node's firmware.",
        items: {
          type: "object",
          properties: {
            path: {
              type: "string",
              description: 'Relative path inside the source tree, e.g. "main.c", "link.ld", "main/main.c".',
            },
            content: { type: "string", description: "The complete file content." },
          },
          required: ["path", "content"],
          additionalProperties: false,
        },
      },
      notes: {
        type: "string",
        description: "Optional short notes for the build log: assumptions, simulated sensors, what changed.",
      },
    },
    required: ["files"],
    additionalProperties: false,
  },
  // Without eager streaming the API buffers each input value whole, so a long `content` string
  // would arrive in one burst at the end and the build log would show no progress meanwhile.
  eager_input_streaming: true,
};

/** The first thing wrong with a path, so each bad path gets one clear reason. */
function pathProblem(path: string): string | undefined {
  if (path === "") return "must not be empty";
  if (path.length > 200) return "must be at most 200 characters";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "must be relative, not absolute";
  if (path.includes("\\")) return 'must use "/" as separator';
  const parts = path.split("/");
  if (parts.includes("..")) return 'must stay inside the source tree (no "..")';
  if (parts.some((part) => part === "" || part === ".")) return "must not have empty or '.' segments";
  if (!/^[A-Za-z0-9_.+\-/]+$/.test(path)) return "may only use letters, digits and _ . + - /";
  return undefined;
}

const pathSchema = z.string().superRefine((path, ctx) => {
  const problem = pathProblem(path);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const inputSchema = z.object({
  files: z
    .array(z.object({ path: pathSchema, content: z.string() }))
    .min(1, "must contain at least one file")
    .superRefine((files, ctx) => {
      const seen = new Set<string>();
      files.forEach((file, index) => {
        if (seen.has(file.path)) {
          ctx.addIssue({ code: "custom", path: [index, "path"], message: `duplicate path "${file.path}"` });
        }
        seen.add(file.path);
      });
      const total = files.reduce((sum, file) => sum + Buffer.byteLength(file.content, "utf8"), 0);
      if (total > MAX_TOTAL_BYTES) {
        ctx.addIssue({ code: "custom", message: `total size ${total} bytes exceeds ${MAX_TOTAL_BYTES} bytes` });
      }
    }),
  notes: z.string().optional(),
});

export interface WriteFirmwareInput {
  files: FirmwareFile[];
  notes?: string;
}

/** Parses the raw streamed JSON strictly (the SDK's own parse is lenient about truncation). */
export function parseWriteFirmwareInput(rawJson: string): WriteFirmwareInput {
  let value: unknown;
  try {
    value = JSON.parse(rawJson === "" ? "{}" : rawJson);
  } catch (error) {
    throw new GeneratorOutputError(
      `${TOOL_NAME} input is not valid JSON (${(error as Error).message}; ${rawJson.length} characters received)`,
    );
  }
  return validateWriteFirmwareInput(value);
}

export function validateWriteFirmwareInput(value: unknown): WriteFirmwareInput {
  const result = inputSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const where = [TOOL_NAME, ...issue.path.map(String)].join(".");
    return `${where}: ${issue.message}`;
  });
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : "";
  throw new GeneratorOutputError(issues.join("; ") + more);
}
