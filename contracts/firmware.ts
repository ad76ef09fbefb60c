import { z } from "zod";

/** One source file of a node's firmware, as generated or as pinned by its owner. */
export const firmwareFileSchema = z.object({
  /** Relative path inside the node's source tree, e.g. "main.c", "link.ld". No "..", no leading "/". */
  path: z.string().min(1).max(200),
  content: z.string().max(1_000_000),
});
export type FirmwareFile = z.infer<typeof firmwareFileSchema>;

/**
 * A pinned source is compiled as is, so it is bounded: a node's firmware is small, and an unbounded
 * save once took the app from 550 MB to 2.7 GB resident.
 */
export const pinnedSourceLimits = { files: 64, totalBytes: 1024 * 1024 } as const;

export const firmwareFilesSchema = z.array(firmwareFileSchema).max(pinnedSourceLimits.files);
