import { z } from "zod";

const flasherArgsSchema = z.object({
  flash_settings: z.object({ flash_mode: z.string(), flash_size: z.string(), flash_freq: z.string() }),
  flash_files: z.record(z.string().regex(/^0x[0-9a-fA-F]+$/), z.string().min(1)),
  extra_esptool_args: z.object({ chip: z.string().optional() }).passthrough().optional(),
});

export interface FlasherArgs {
  /** esptool chip name ("esp32", "esp32s3"), absent in the older IDF format. */
  chip: string | null;
  flashMode: string;
  flashSize: string;
  flashFreq: string;
  parts: { offset: number; file: string }[];
}

/** Reads ESP-IDF's build/flasher_args.json (current and pre-4.x formats) into flash parts by offset. */
export function parseFlasherArgs(json: unknown): FlasherArgs {
  const result = flasherArgsSchema.safeParse(json);
  if (!result.success) {
    throw new Error(
      `Not an ESP-IDF flasher_args.json: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const args = result.data;
  return {
    chip: args.extra_esptool_args?.chip ?? null,
    flashMode: args.flash_settings.flash_mode,
    flashSize: args.flash_settings.flash_size,
    flashFreq: args.flash_settings.flash_freq,
    parts: Object.entries(args.flash_files)
      .map(([offset, file]) => ({ offset: Number.parseInt(offset, 16), file }))
      .sort((a, b) => a.offset - b.offset),
  };
}
