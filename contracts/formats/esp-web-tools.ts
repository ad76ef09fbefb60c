import { z } from "zod";

/** chipFamily values ESP Web Tools accepts, as esptool-js names chips. */
export const chipFamilies = [
  "ESP32",
  "ESP32-C2",
  "ESP32-C3",
  "ESP32-C5",
  "ESP32-C6",
  "ESP32-C61",
  "ESP32-H2",
  "ESP32-P4",
  "ESP32-S2",
  "ESP32-S3",
  "ESP8266",
] as const;

const manifestSchema = z.object({
  name: z.string().min(1),
  // Optional in ESP Web Tools; Tasmota's published manifests have none.
  version: z.string().optional(),
  home_assistant_domain: z.string().optional(),
  new_install_prompt_erase: z.boolean().optional(),
  new_install_improv_wait_time: z.number().optional(),
  funding_url: z.string().optional(),
  builds: z
    .array(
      z.object({
        chipFamily: z.enum(chipFamilies),
        improv: z.boolean().optional(),
        parts: z.array(z.object({ path: z.string().min(1), offset: z.number().nonnegative() })).min(1),
      }),
    )
    .min(1),
});
export type EspWebToolsManifest = z.infer<typeof manifestSchema>;

export interface ManifestPart {
  path: string;
  offset: number;
}

export interface ParsedManifest {
  manifest: EspWebToolsManifest;
  /** Things a user should know, e.g. an offset that was repaired. */
  warnings: string[];
}

const FLASH_SECTOR = 4096;

/**
 * Reads a published manifest. Offsets must be sector-aligned integers; a decimal such as 32.768
 * (seen in real manifests, a thousands separator gone wrong) is read as 32768 when that is aligned,
 * with a warning, and rejected otherwise.
 */
export function parseEspWebToolsManifest(json: unknown): ParsedManifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    throw new Error(
      `Not an ESP Web Tools manifest: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const warnings: string[] = [];
  for (const build of result.data.builds) {
    for (const part of build.parts) {
      if (Number.isInteger(part.offset) && part.offset % FLASH_SECTOR === 0) continue;
      const repaired = Math.round(part.offset * 1000);
      if (!Number.isInteger(part.offset) && repaired % FLASH_SECTOR === 0) {
        warnings.push(
          `${build.chipFamily} ${part.path}: offset ${part.offset} read as ${repaired} (0x${repaired.toString(16)})`,
        );
        part.offset = repaired;
      } else {
        throw new Error(`${build.chipFamily} ${part.path}: offset ${part.offset} is not a multiple of 4096`);
      }
    }
  }
  return { manifest: result.data, warnings };
}

/** Writes the manifest ESP Web Tools (and our own flasher) reads for one chip family. */
export function createEspWebToolsManifest(input: {
  name: string;
  version: string;
  chipFamily: (typeof chipFamilies)[number];
  parts: ManifestPart[];
}): EspWebToolsManifest {
  return {
    name: input.name,
    version: input.version,
    new_install_prompt_erase: true,
    builds: [{ chipFamily: input.chipFamily, parts: [...input.parts].sort((a, b) => a.offset - b.offset) }],
  };
}
