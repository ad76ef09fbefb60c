import type { SpecNode } from "../../contracts/spec/schema";

/** An LM3S6965 sensor reporting its temperature every second; a test overrides what it exercises. */
export function sensorNode(id: string, overrides: Partial<SpecNode> = {}): SpecNode {
  return {
    id,
    name: id,
    board: "lm3s6965evb",
    role: "sensor",
    behavior: "",
    sensors: [],
    actuators: [],
    telemetry: { intervalMs: 1000, fields: ["temperature"] },
    expect: [],
    position: { x: 0, y: 0 },
    ...overrides,
  };
}
