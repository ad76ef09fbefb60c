/**
 * The offline firmware generator: a deterministic synthesizer that writes complete, readable C
 * firmware for a node on its board (bare-metal Cortex-M and AVR projects, ESP-IDF projects).
 */
import type { FirmwareGenerator, GenerateInput, GenerateResult } from "../types";
import { familyFor } from "./families";
import { buildModel } from "./model";
import { GENERATOR_VERSION } from "./program";

export { buildModel } from "./model";
export { familyFor, supportedFamilies } from "./families";

export function createTemplateGenerator(): FirmwareGenerator {
  return {
    name: "templates",
    async generate(input: GenerateInput): Promise<GenerateResult> {
      input.signal?.throwIfAborted();
      const { spec, node, board } = input;
      const family = familyFor(board);
      const model = buildModel(spec, node, board);
      const files = family.files(model);
      input.onProgress?.(`templates: ${files.length} files for ${board.id} (${family.id})`);
      if (input.iteration > 1 && input.feedback) {
        input.onProgress?.("templates: the output is deterministic, so build feedback does not change it");
      }
      return { files, generator: GENERATOR_VERSION };
    },
  };
}
