/**
 * The offline path of design.parse: the description read by the phrase parser, turned into spec
 * nodes with boards, telemetry fields, expectations and rules the template firmware evaluates.
 */
import { AppError } from "../../../../contracts/errors";
import type { SpecNode, SystemSpec } from "../../../../contracts/spec/schema";
import { chooseBoard } from "../board-choice";
import { uniqueNodeId } from "../extend-spec";
import type { Proposed } from "../proposed";
import { readDescription, type GroupDraft, type RuleInText } from "./groups";
import { ruleText } from "./thresholds";
import { QUANTITY_UNITS } from "./vocabulary";

export const DEFAULT_INTERVAL_MS = 5000;
const MIN_INTERVAL_MS = 100;
const MAX_INTERVAL_MS = 86_400_000;
const MAX_NODES = 64;
const MAX_ACTUATORS = 16;
const MAX_SENSORS = 16;
const MAX_FIELDS = 32;
/** Head nouns that only say "a node": named after the role instead ("board-1" reads badly). */
const GENERIC_HEADS = new Set(["node", "board", "device", "unit", "microcontroller", "mcu"]);

export function proposeFromPhrases(text: string, existing: SystemSpec | undefined): Proposed {
  const existingFields = new Set(existing?.nodes.flatMap((n) => n.telemetry.fields) ?? []);
  const read = readDescription(text, existingFields);
  if (read.groups.length === 0 && read.rules.length === 0) {
    throw new AppError(
      "BAD_REQUEST",
      `Could not find any node, sensor, actuator or board in "${clip(text)}". ` +
        'Describe the swarm like "three greenhouse sensors measuring temperature every 5 seconds and a fan controller".',
    );
  }
  const warnings: string[] = [];
  const rules = read.rules.flatMap((rule) => placeRule(rule, read.groups, warnings, existing));
  const total = (existing?.nodes.length ?? 0) + read.groups.reduce((n, g) => n + g.count, 0);
  if (total > MAX_NODES) {
    throw new AppError(
      "BAD_REQUEST",
      `That makes ${total} nodes; a swarm holds at most ${MAX_NODES}. Ask for fewer nodes (counts read: ${read.groups.map((g) => g.count).join(", ")}).`,
    );
  }
  if (read.groups.some((g) => g.count < 1)) throw new AppError("BAD_REQUEST", "A node count must be at least 1.");
  const taken = new Set(existing?.nodes.map((n) => n.id) ?? []);
  const nodes: SpecNode[] = [];
  const added: Proposed["added"] = [];
  const boardReasons: Record<string, string> = {};
  for (const group of read.groups) {
    const made = groupNodes(group, taken, warnings);
    for (const node of made.nodes) {
      nodes.push(node);
      added.push({ nodeId: node.id, reason: made.reason(node) });
      boardReasons[node.id] = made.boardReason;
    }
  }
  return {
    nodes,
    rules: rules.map(({ quantity, draft }) => ruleText(quantity, draft)),
    links: [],
    added,
    boardReasons,
    warnings,
    name: swarmName(read.groups),
    description: text.trim(),
  };
}

interface PlacedRule {
  quantity: string;
  draft: RuleInText;
}

/** Resolves the rule's reading and makes sure the nodes that act on it measure it and have its actuators. */
function placeRule(rule: RuleInText, groups: GroupDraft[], warnings: string[], existing?: SystemSpec): PlacedRule[] {
  const has = (g: GroupDraft, type: string) => g.actuators.some((a) => a.type === type);
  const withActuator = groups.filter((g) => rule.actions.some((a) => has(g, a.actuator)));
  const quantity = rule.quantity ?? single([...rule.groups, ...withActuator].flatMap((g) => quantitiesOf(g)));
  if (!quantity) {
    warnings.push(
      `Skipped the rule "${rule.words}": it does not say which reading it compares (e.g. "temperature above 30").`,
    );
    return [];
  }
  if (groups.length === 0) {
    // A rule for the existing nodes: say so when none of them has what it switches.
    const nodes = (existing?.nodes ?? []).filter((n) => n.telemetry.fields.includes(quantity));
    for (const action of rule.actions) {
      if (!nodes.some((n) => n.actuators.some((a) => a.type === action.actuator || a.id === action.actuator))) {
        warnings.push(
          `No node reporting ${quantity} has a ${action.actuator}: "${rule.words}" raises an alert but switches nothing.`,
        );
      }
    }
    return [{ quantity, draft: rule }];
  }
  const measuring = groups.filter((g) => quantitiesOf(g).includes(quantity));
  const targets =
    withActuator.length > 0
      ? withActuator
      : rule.groups.length > 0
        ? rule.groups
        : measuring.length > 0
          ? measuring
          : groups.slice(-1);
  for (const group of targets) {
    if (!quantitiesOf(group).includes(quantity)) group.sensors.push({ quantities: [quantity] });
    for (const action of rule.actions)
      if (!has(group, action.actuator)) group.actuators.push({ type: action.actuator, count: 1 });
  }
  return [{ quantity, draft: rule }];
}

function quantitiesOf(group: GroupDraft): string[] {
  return [...new Set(group.sensors.flatMap((s) => s.quantities))];
}

function single(values: string[]): string | undefined {
  const unique = [...new Set(values)];
  return unique.length === 1 ? unique[0] : undefined;
}

function groupNodes(group: GroupDraft, taken: Set<string>, warnings: string[]) {
  const phrase = group.phrases.join(" ");
  let quantities = quantitiesOf(group);
  const role =
    group.role === "gateway"
      ? "gateway"
      : group.role === "actuator" || (group.role !== "sensor" && quantities.length === 0 && group.actuators.length > 0)
        ? "actuator"
        : "sensor";
  let assumed = "";
  if (quantities.length === 0 && role === "sensor") {
    quantities = group.contextQuantities.length > 0 ? [...new Set(group.contextQuantities)] : ["temperature"];
    assumed =
      group.contextQuantities.length > 0
        ? ` (what "${group.descriptor.join(" ")}" nodes usually measure)`
        : " (no reading was named, so temperature is assumed)";
    if (!group.contextQuantities.length) warnings.push(`"${clip(phrase)}" names no reading: assumed temperature.`);
    group.sensors.push(...quantities.map((q) => ({ quantities: [q] })));
  }
  const needs = role === "gateway" ? { network: "a gateway needs", ...group.needs } : group.needs;
  const choice = chooseBoard(
    needs,
    group.board ? { words: group.board.words, boardIds: group.board.boardIds } : undefined,
  );
  warnings.push(...choice.warnings);
  if (!choice.board.toolchain.capability.endsWith("gcc")) {
    warnings.push(
      `${choice.board.name} builds only on a worker with ${choice.board.toolchain.capability}; none runs on this machine.`,
    );
  }
  let intervalMs = Math.round(group.intervalMs ?? DEFAULT_INTERVAL_MS);
  if (intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
    const clamped = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, intervalMs));
    warnings.push(`"${group.intervalWords}" is outside 100 ms..24 h: using ${clamped} ms.`);
    intervalMs = clamped;
  }
  // A node with nothing to measure still reports its uptime, so its telemetry shows it is alive.
  const fields = quantities.length === 0 ? ["uptime"] : quantities.slice(0, MAX_FIELDS);
  const sensors = group.sensors.map(sensorOf).slice(0, MAX_SENSORS);
  if (group.sensors.length > MAX_SENSORS || quantities.length > MAX_FIELDS) {
    warnings.push(`A node carries at most ${MAX_SENSORS} sensors and ${MAX_FIELDS} fields: "${clip(phrase)}" was cut.`);
  }
  const actuators = group.actuators
    .flatMap(({ type, count }) =>
      Array.from({ length: Math.min(count, MAX_ACTUATORS) }, (_, i) => ({
        id: count > 1 ? `${type}_${i + 1}` : type,
        type,
      })),
    )
    .slice(0, MAX_ACTUATORS);
  if (group.actuators.reduce((n, a) => n + a.count, 0) > MAX_ACTUATORS) {
    warnings.push(`A node drives at most ${MAX_ACTUATORS} actuators: "${clip(phrase)}" was cut to ${MAX_ACTUATORS}.`);
  }
  const title = nodeTitle(group, role);
  const ids = nodeIds(title.slug, group.count, taken);
  const every = intervalMs % 1000 === 0 ? `${intervalMs / 1000} s` : `${intervalMs} ms`;
  const readings =
    quantities.length > 0 ? `measures ${quantities.join(", ").replace(/_/g, " ")}` : "reports its uptime";
  const measures = role === "gateway" ? `forwards the swarm's telemetry and ${readings}` : readings;
  const switches = actuators.length > 0 ? `; switches ${actuators.map((a) => a.id).join(", ")}` : "";
  const interval = group.intervalWords
    ? `reports ${group.intervalWords}`
    : `reports every ${every} (no interval was given)`;
  const nodes: SpecNode[] = ids.map((id, i) => ({
    id,
    name: group.count > 1 ? `${title.name} ${i + 1}` : title.name,
    board: choice.board.id,
    role,
    behavior: `${capitalize(measures)}${switches}; ${interval}. From the description: "${clip(phrase, 300)}"`,
    sensors,
    actuators,
    telemetry: { intervalMs, fields },
    expect: fields.map((f) => `@t ${f}`),
    position: { x: 0, y: 0 },
  }));
  const of = (node: SpecNode) => (group.count > 1 ? ` (${ids.indexOf(node.id) + 1} of ${group.count})` : "");
  return {
    nodes,
    boardReason: choice.reason,
    reason: (node: SpecNode) =>
      `"${clip(phrase)}"${of(node)}: ${role} that ${measures}${assumed}${switches}, ${interval}`,
  };
}

/** `base` for one node; `base-1`, `base-2`... for several, continuing past numbers already in use. */
function nodeIds(base: string, count: number, taken: Set<string>): string[] {
  if (count === 1) {
    const id = uniqueNodeId(base, taken);
    taken.add(id);
    return [id];
  }
  const slug = uniqueNodeId(base, new Set());
  const ids: string[] = [];
  for (let n = 1; ids.length < count; n++) {
    const id = `${slug}-${n}`;
    if (taken.has(id)) continue;
    taken.add(id);
    ids.push(id);
  }
  return ids;
}

function sensorOf(pick: { quantities: string[]; model?: string }) {
  if (pick.model) {
    return {
      id: pick.model.toLowerCase().replace(/[^a-z0-9]+/g, "_"),
      type: pick.model.toLowerCase(),
      model: pick.model,
    };
  }
  const quantity = pick.quantities[0]!;
  const unit = QUANTITY_UNITS[quantity];
  return { id: quantity, type: quantity, ...(unit ? { unit } : {}) };
}

function nodeTitle(group: GroupDraft, role: string) {
  const firstActuator = group.actuators[0]?.type;
  const words =
    group.descriptor.length > 0 ? group.descriptor : role === "actuator" && firstActuator ? [firstActuator] : [];
  const head =
    group.headWord && !GENERIC_HEADS.has(group.headWord)
      ? group.headWord
      : role === "actuator"
        ? "controller"
        : role === "gateway"
          ? "gateway"
          : group.count > 1 || words.length === 0
            ? "node"
            : "sensor";
  const name = capitalize([...words, head].join(" "));
  const slug = group.count > 1 && words.length > 0 ? words.join("-") : [...words, head].join("-");
  return { name, slug };
}

function swarmName(groups: GroupDraft[]): string {
  // Named after what it watches: the first sensor group's words ("greenhouse"), else any group's.
  const named = groups.filter((g) => g.descriptor.length > 0);
  const words = (named.find((g) => g.role === "sensor" || g.role === undefined) ?? named[0])?.descriptor ?? [];
  return words.length > 0 ? `${capitalize(words.join(" "))} swarm` : "New swarm";
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function clip(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
