/**
 * The gallery of ready swarms. Each is built only from boards that compile and boot in QEMU on our
 * workers, so a new project made from one can go through Build and Simulate at once.
 */
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
  spec: SystemSpec;
}

export const exampleInputs: readonly ExampleInput[] = [greenhouseClimate, coldChain, parkingSensors, officeAirQuality];

/** Every example with its spec validated by the same schema as spec.update (throws at import if one is broken). */
export const examples: readonly Example[] = exampleInputs.map((e) => ({ ...e, spec: parseSpec(e.spec) }));

export function getExample(id: string): Example | undefined {
  return examples.find((e) => e.id === id);
}
