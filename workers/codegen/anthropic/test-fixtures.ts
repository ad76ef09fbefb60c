import { getBoard } from "../../../boards";
import type { Board } from "../../../boards/schema";
import { systemSpecSchema, type SpecInput } from "../../../contracts/spec/schema";
import type { GenerateInput } from "../types";

/** A three-node swarm: two sensors report to a gateway; one rule per node. */
export const specInput: SpecInput = {
  version: 1,
  name: "Greenhouse",
  description: "Two climate sensors and a gateway.",
  network: { wifi: { ssid: "greenhouse", passwordSecret: "WIFI_PASSWORD" }, mqtt: { usernameSecret: "MQTT_USER" } },
  nodes: [
    {
      id: "climate-1",
      name: "Climate north",
      board: "lm3s6965evb",
      role: "sensor",
      behavior: "Measure temperature and humidity. Raise an event when the temperature exceeds 30 C.",
      sensors: [{ id: "dht", type: "temperature+humidity", model: "DHT22", pin: "PB3", unit: "C" }],
      actuators: [{ id: "fan", type: "relay", pin: "PF0" }],
      telemetry: { intervalMs: 2000, fields: ["temperature", "humidity"] },
      expect: ["@t temperature", "@t humidity"],
      position: { x: 0, y: 0 },
    },
    {
      id: "soil-2",
      name: "Soil south",
      board: "arduino-uno",
      role: "sensor",
      behavior: "Measure soil moisture.",
      telemetry: { intervalMs: 5000, fields: ["moisture"] },
      position: { x: 1, y: 0 },
    },
    {
      id: "gateway",
      name: "Gateway",
      board: "esp32-devkitc",
      role: "gateway",
      behavior: "Forward everything to MQTT.",
      telemetry: { intervalMs: 10000, fields: ["uptime"] },
      position: { x: 2, y: 0 },
    },
  ],
  links: [
    { from: "climate-1", to: "gateway" },
    { from: "soil-2", to: "gateway" },
  ],
  rules: [
    { when: "temperature > 30", then: "switch fan on" },
    { when: "moisture < 20", then: "notify the gardener" },
  ],
};

export const spec = systemSpecSchema.parse(specInput);

export function board(id: string): Board {
  const found = getBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

export function inputFor(nodeId: string, extra: Partial<GenerateInput> = {}): GenerateInput {
  const node = spec.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  return { spec, node, board: board(node.board), iteration: 1, ...extra };
}
