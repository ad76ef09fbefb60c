import type { MessageParam, TextBlockParam, Tool } from "@anthropic-ai/sdk/resources/messages";

import type { SpecNode, SystemSpec } from "../../../contracts/spec/schema";
import type { BuildFeedback, FirmwareFile, GenerateInput } from "../types";
import { describeBoard } from "./board-context";
import { FIRMWARE_INSTRUCTIONS } from "./instructions";
import { writeFirmwareTool } from "./tool";

export interface Prompt {
  system: TextBlockParam[];
  messages: MessageParam[];
  tools: Tool[];
}

/** Compiler output beyond this is mostly cascading errors; the first ones are what matter. */
const MAX_DIAGNOSTICS_CHARS = 24_000;

/**
 * Builds one Messages API request for one node. Order matters for prompt caching: the tool
 * definition and the fixed instructions never change, the board block changes per board, and
 * everything node- or iteration-specific is in the user message after the cache breakpoint.
 */
export function buildPrompt(input: GenerateInput): Prompt {
  const system: TextBlockParam[] = [
    { type: "text", text: FIRMWARE_INSTRUCTIONS },
    { type: "text", text: describeBoard(input.board), cache_control: { type: "ephemeral" } },
  ];
  const content: TextBlockParam[] = [{ type: "text", text: describeTask(input) }];
  if (input.iteration > 1 && input.feedback) {
    content.push({ type: "text", text: describeFeedback(input.iteration, input.feedback) });
  }
  return { system, messages: [{ role: "user", content }], tools: [writeFirmwareTool] };
}

function describeTask({ spec, node, board }: GenerateInput): string {
  const sections = [
    describeSwarm(spec, node, board.hasNetwork),
    describeNode(node, board.id),
    `Write the firmware for node "${node.id}" and return it with write_firmware.`,
  ];
  return sections.join("\n\n");
}

function describeSwarm(spec: SystemSpec, node: SpecNode, hasNetwork: boolean): string {
  const others = spec.nodes.filter((n) => n.id !== node.id);
  const links = spec.links.filter((l) => l.from === node.id || l.to === node.id);
  const rules = spec.rules.filter((r) => mentions(`${r.when} ${r.then}`, node));
  const lines = [`# Swarm "${spec.name}"`];
  if (spec.description.trim()) lines.push(spec.description.trim());
  lines.push("", "## Other nodes");
  lines.push(
    ...(others.length > 0
      ? others.map(
          (n) =>
            `- ${n.id} "${n.name}": ${n.role} on ${n.board}` +
            (n.telemetry.fields.length > 0 ? `, telemetry ${n.telemetry.fields.join(", ")}` : ""),
        )
      : ["- (none: this node is alone)"]),
  );
  lines.push("", "## Links with this node");
  lines.push(
    ...(links.length > 0
      ? links.map((l) =>
          l.from === node.id
            ? `- ${node.id} -> ${l.to} (sends its data to ${l.to})`
            : `- ${l.from} -> ${node.id} (receives data from ${l.from})`,
        )
      : ["- (none)"]),
  );
  lines.push("", "## Rules that mention this node or its data");
  lines.push(...(rules.length > 0 ? rules.map((r) => `- when ${r.when} then ${r.then}`) : ["- (none)"]));
  lines.push("", "## Network", describeNetwork(spec, hasNetwork));
  return lines.join("\n");
}

function describeNetwork(spec: SystemSpec, hasNetwork: boolean): string {
  if (!hasNetwork) {
    return "This node's board has no network: its console lines are bridged to MQTT by the swarm. Use no network placeholders.";
  }
  const { wifi, mqtt } = spec.network;
  const wifiText = wifi
    ? `Wi-Fi is configured (SSID via {{WIFI_SSID}}, ${wifi.passwordSecret ? "password via {{WIFI_PASSWORD}}" : "open network: no password placeholder"})`
    : "Wi-Fi is not configured yet: still use {{WIFI_SSID}} and {{WIFI_PASSWORD}}; the deploy fills them";
  const creds = [mqtt?.usernameSecret && "{{MQTT_USER}}", mqtt?.passwordSecret && "{{MQTT_PASSWORD}}"].filter(Boolean);
  const mqttText =
    creds.length > 0
      ? `the MQTT broker has credentials: use ${creds.join(" and ")}${creds.length === 1 ? " (only that one)" : ""}`
      : "the MQTT broker takes no credentials (do not use {{MQTT_USER}} or {{MQTT_PASSWORD}})";
  return `${wifiText}; ${mqttText}${mqtt?.tls ? "; the broker uses TLS" : ""}.`;
}

/** A rule concerns the node when it names the node or one of its fields, sensors or actuators. */
function mentions(text: string, node: SpecNode): boolean {
  const words = [
    node.id,
    node.name,
    ...node.telemetry.fields,
    ...node.sensors.map((s) => s.id),
    ...node.actuators.map((a) => a.id),
  ];
  return words.some((word) => new RegExp(`(^|[^\\w-])${escapeRegExp(word)}($|[^\\w-])`, "i").test(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function describeNode(node: SpecNode, boardId: string): string {
  const { intervalMs, fields } = node.telemetry;
  const example = `@t {${fields.map((f) => `"${f}":…`).join(",")}}`;
  const lines = [
    `# The node to write firmware for: ${node.id}`,
    `- Name: ${node.name}`,
    `- Role: ${node.role}`,
    `- Board: ${boardId} (see the board context)`,
    `- Behaviour:`,
    indent(node.behavior.trim() || "(not described: report the telemetry fields)"),
    `- Sensors:`,
    ...(node.sensors.length > 0
      ? node.sensors.map(
          (s) =>
            `  - ${s.id}: ${s.type}` +
            [s.model && `model ${s.model}`, s.pin && `pin ${s.pin}`, s.unit && `unit ${s.unit}`]
              .filter(Boolean)
              .map((part) => `, ${part}`)
              .join(""),
        )
      : ["  - (none)"]),
    `- Actuators:`,
    ...(node.actuators.length > 0
      ? node.actuators.map((a) => `  - ${a.id}: ${a.type}${a.pin ? `, pin ${a.pin}` : ""}`)
      : ["  - (none)"]),
    fields.length > 0
      ? `- Telemetry: every ${intervalMs} ms, exactly the fields ${fields.join(", ")}: ${example}`
      : `- Telemetry: none (fields list is empty): print no @t lines`,
    `- Checks the simulator applies to the console output:`,
    ...(node.expect.length > 0 ? node.expect.map((e) => `  - ${e}`) : ["  - (none beyond the line protocol)"]),
  ];
  return lines.join("\n");
}

function describeFeedback(iteration: number, feedback: BuildFeedback): string {
  const parts = [
    `# Iteration ${iteration}: the previous attempt failed`,
    `## Previous files (${feedback.previousFiles.length})`,
    ...feedback.previousFiles.map(describeFile),
  ];
  if (feedback.diagnostics?.trim()) {
    parts.push("## Compiler and linker diagnostics", codeBlock(truncate(feedback.diagnostics.trim()), "text"));
  }
  if (feedback.memory?.trim()) {
    parts.push(
      "## Memory budget",
      `${feedback.memory.trim()}\nShrink the image below the budget: smaller buffers, no library formatting, fewer strings.`,
    );
  }
  if (feedback.failedChecks && feedback.failedChecks.length > 0) {
    parts.push("## Failed checks", feedback.failedChecks.map((c) => `- ${c}`).join("\n"));
  }
  parts.push(
    "Fix every problem above and return the complete corrected set of files (all of them) with write_firmware.",
  );
  return parts.join("\n\n");
}

function describeFile(file: FirmwareFile): string {
  const ext = file.path.split(".").pop() ?? "";
  const lang = ext === "c" || ext === "h" ? "c" : ext === "ld" ? "ld" : ext === "txt" ? "cmake" : "";
  return `### ${file.path}\n${codeBlock(file.content, lang)}`;
}

/** A fence longer than any backtick run inside, so file contents cannot close it early. */
function codeBlock(content: string, lang: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${content.replace(/\n$/, "")}\n${fence}`;
}

function truncate(text: string): string {
  if (text.length <= MAX_DIAGNOSTICS_CHARS) return text;
  return `${text.slice(0, MAX_DIAGNOSTICS_CHARS)}\n[... ${text.length - MAX_DIAGNOSTICS_CHARS} more characters cut]`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
