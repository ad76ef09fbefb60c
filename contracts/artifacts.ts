import { z } from "zod";

/** What a build stores per node: ELF for debugging, raw images for flashing, ESP parts and manifest. */
export const artifactKinds = ["elf", "bin", "hex", "manifest", "bootloader", "partitions", "app"] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in lower-case hex");

export const artifactUploadSchema = z.object({
  kind: z.enum(artifactKinds),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/),
  offset: z.number().int().nonnegative().optional(),
  /** Either the bytes (base64) or the sha256 of a blob already stored (a compile-cache hit). */
  base64: z.string().optional(),
  sha256: sha256Schema.optional(),
});
export type ArtifactUpload = z.infer<typeof artifactUploadSchema>;

export const storedArtifactSchema = z.object({
  kind: z.enum(artifactKinds),
  name: z.string(),
  sha256: sha256Schema,
  size: z.number().int().nonnegative(),
  offset: z.number().int().nullable(),
});
export type StoredArtifact = z.infer<typeof storedArtifactSchema>;
