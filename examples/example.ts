import type { SpecInput } from "../contracts/spec/schema";

/** One ready swarm of the gallery: data only, validated where the gallery is built (index.ts). */
export interface ExampleInput {
  /** Slug, also the file name. */
  id: string;
  title: string;
  /** One or two sentences for the gallery card. */
  summary: string;
  /** What a user learns from it, one short phrase each (shown on the gallery card). */
  demonstrates: string[];
  spec: SpecInput;
}

export function defineExample(example: ExampleInput): ExampleInput {
  return example;
}
