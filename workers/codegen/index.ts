import { createAnthropicGenerator } from "./anthropic/generator";
import { createTemplateGenerator } from "./templates";
import type { FirmwareGenerator } from "./types";

export type GeneratorChoice = "auto" | "templates" | "anthropic";

/**
 * "auto" means Claude when this worker has ANTHROPIC_API_KEY, else the offline template
 * synthesizer. Asking for Claude without a key is an error, not a silent fallback.
 */
export function generatorFor(choice: GeneratorChoice, env: NodeJS.ProcessEnv = process.env): FirmwareGenerator {
  const apiKey = env.ANTHROPIC_API_KEY;
  if (choice === "templates" || (choice === "auto" && !apiKey)) return createTemplateGenerator();
  if (!apiKey) {
    throw new Error(
      "This build asked for Claude, but the worker has no ANTHROPIC_API_KEY: set it where the worker runs.",
    );
  }
  return createAnthropicGenerator({
    apiKey,
    baseURL: env.ANTHROPIC_BASE_URL || undefined,
    model: env.ANTHROPIC_MODEL || undefined,
    maxRetries: env.ANTHROPIC_MAX_RETRIES ? Number(env.ANTHROPIC_MAX_RETRIES) : undefined,
  });
}
