/**
 * The request Claude gets for design.parse: fixed instructions and the board catalogue (cacheable),
 * then the existing design and the user's words.
 */
import type { MessageParam, TextBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { boards } from "../../../../boards";
import type { SystemSpec } from "../../../../contracts/spec/schema";
import { buildsAndBootsHere, buildsHere } from "../board-choice";

export const DESIGN_INSTRUCTIONS = `You turn a plain-language description of a swarm of microcontroller nodes into a SystemSpec.
Answer only by calling the propose_design tool with the complete design.

Rules for the design:
- Keep every node of the existing design exactly as it is (same id, fields and values). Add new nodes with new ids
  (lower-case slugs, e.g. "greenhouse-1"); never reuse an existing id. Keep existing links and rules.
- Use only board ids from the catalogue below. When the description names no board, prefer one marked
  "builds and boots here"; pick a board with Wi-Fi (hasNetwork) for gateways and for nodes that must reach the network.
- role is "sensor" (measures), "actuator" (switches things) or "gateway" (forwards to the network).
- telemetry.fields are the readings the node reports, named by quantity: temperature, humidity, soil_moisture, light,
  co2, pressure, distance, motion, door, gas, sound, water_level, rain, wind_speed, ph, pm25, weight, flow, uv, voltage,
  current, battery; "uptime" for a node with no sensor. telemetry.intervalMs is the reporting interval (100..86400000).
- sensors[].type names what it measures (e.g. "temperature", "dht22", "ultrasonic"); actuators[].type e.g. "fan",
  "relay", "pump", "valve", "led", "buzzer", "servo", "heater". Ids are C identifiers (lower case, digits, _).
- expect: one "@t <field>" item per telemetry field.
- rules[].when in the form "<field> <op> <number> [unit]" (op one of > < >= <= ==), e.g. "temperature > 30 °C",
  "motion == 1"; rules[].then as comma-separated "<actuator id> on|off" (e.g. "fan on") or "alert".
  Put the actuator a rule switches on a node that reports the rule's field, so the node can evaluate it itself.
- Never put secret values in the spec; network.wifi.passwordSecret names a project secret (e.g. "WIFI_PASSWORD").`;

export function describeCatalogue(): string {
  const lines = boards.map((b) => {
    const here = buildsAndBootsHere(b)
      ? "builds and boots here"
      : buildsHere(b)
        ? "builds here, no emulator"
        : `needs ${b.toolchain.capability}, not here`;
    const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
    return `- ${b.id}: ${b.name} (${b.mcu}, ${b.architecture}), flash ${kib(b.flashBytes)}, RAM ${kib(b.ramBytes)}, ${b.hasNetwork ? "Wi-Fi" : "no network"}; ${here}`;
  });
  return `# Board catalogue\n${lines.join("\n")}`;
}

export function describeExisting(existing: SystemSpec | undefined): string {
  if (!existing || (existing.nodes.length === 0 && existing.rules.length === 0)) {
    return existing
      ? `# Existing design (no nodes yet)\n${JSON.stringify(existing)}`
      : "# Existing design\n(none: start a new design)";
  }
  return `# Existing design (keep all of it; node ids in use: ${existing.nodes.map((n) => n.id).join(", ")})\n${JSON.stringify(existing)}`;
}

export function describeRequest(text: string): string {
  return `# Description\n${text.trim()}\n\nCall propose_design with the whole design: the existing one extended by this description.`;
}

export function buildDesignPrompt(text: string, existing: SystemSpec | undefined) {
  const system: TextBlockParam[] = [
    { type: "text", text: DESIGN_INSTRUCTIONS },
    { type: "text", text: describeCatalogue(), cache_control: { type: "ephemeral" } },
  ];
  const messages: MessageParam[] = [
    {
      role: "user",
      content: [
        { type: "text", text: describeExisting(existing) },
        { type: "text", text: describeRequest(text) },
      ],
    },
  ];
  return { system, messages };
}
