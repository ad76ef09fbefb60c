import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import { systemSpecSchema } from "../../../../contracts/spec/schema";

export const DESIGN_TOOL_NAME = "propose_design";

/**
 * The SystemSpec's JSON schema, generated from the same zod schema spec.update validates with
 * (input side: fields with defaults are optional). Claude must answer through this tool.
 */
export const specJsonSchema = z.toJSONSchema(systemSpecSchema, { io: "input" }) as Tool["input_schema"];

export const designTool: Tool = {
  name: DESIGN_TOOL_NAME,
  description:
    "Return the whole design: every existing node unchanged plus the nodes, links and rules the description adds. " +
    "Call exactly once.",
  input_schema: specJsonSchema,
};
