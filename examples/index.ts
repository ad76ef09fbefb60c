/**
 * The gallery of ready swarms. Each is built only from boards that compile and boot in QEMU on our
 * workers, so a new project made from one can go through Build and Simulate at once.
 */
import { getBoard } from "../boards";
import type { SystemSpec } from "../contracts/spec/schema";
import { parseSpec } from "../contracts/spec/validate";
import coldChain from "./cold-chain";
import type { ExampleInput } from "./example";
import greenhouseClimate from "./greenhouse-climate";
import officeAirQuality from "./office-air-quality";
import parkingSensors from "./parking-sensors";

export interface Example {
  id: string;
  title: string;
  summary: string;
  demonstrates: string[];
  spec: SystemSpec;
}

/** What the gallery shows of an example: no spec, so listing the gallery hands out no project data. */
export interface ExampleSummary {
  id: string;
  title: string;
  summary: string;
  demonstrates: string[];
  nodeCount: number;
  /** Each board the example uses once, with how many of its nodes run on it, in the order nodes first use it. */
  boards: { id: string; name: string; count: number }[];
}

export const exampleInputs: readonly ExampleInput[] = [greenhouseClimate, coldChain, parkingSensors, officeAirQuality];

/** Every example with its spec validated by the same schema as spec.update (throws at import if one is broken). */
export const examples: readonly Example[] = exampleInputs.map((e) => ({ ...e, spec: parseSpec(e.spec) }));

export function getExample(id: string): Example | undefined {
  return examples.find((e) => e.id === id);
}

export function summarizeExample(example: Example): ExampleSummary {
  const boards = new Map<string, ExampleSummary["boards"][number]>();
  for (const node of example.spec.nodes) {
    const seen = boards.get(node.board);
    if (seen) seen.count += 1;
    else boards.set(node.board, { id: node.board, name: getBoard(node.board)?.name ?? node.board, count: 1 });
  }
  const { id, title, summary, demonstrates } = example;
  return { id, title, summary, demonstrates, nodeCount: example.spec.nodes.length, boards: [...boards.values()] };
}
