/**
 * What a node's firmware has to do, worked out from the spec once and shared by every target:
 * which simulated channel feeds each telemetry field, which rules the node evaluates itself and
 * which actuators they switch.
 */
import type { Board } from "../../../boards/schema";
import type { SpecNode, SystemSpec } from "../../../contracts/spec/schema";
import { toFixedPoint } from "./c";
import { parseActions, parseCondition, type ActuatorState, type Comparison } from "./rules";
import { normalizeWord, profileOf, quantitiesOf, type QuantityProfile } from "./sensors";

export interface Channel {
  index: number;
  /** Sensor that the channel stands in for, or null when no sensor on the node measures the quantity. */
  sensorId: string | null;
  sensorLabel: string;
  profile: QuantityProfile;
}

export type FieldSource = { kind: "channel"; channel: number } | { kind: "counter" } | { kind: "uptime" };

export interface Field {
  index: number;
  name: string;
  decimals: number;
  source: FieldSource;
  /** Where the value comes from, for the source comment. */
  note: string;
}

export interface Actuator {
  index: number;
  id: string;
  type: string;
  pin?: string;
}

export interface Action {
  actuator: number;
  state: ActuatorState;
  /** Undo the action when the condition clears (no other rule on this node drives the actuator). */
  revertOnClear: boolean;
}

export interface LocalRule {
  index: number;
  when: string;
  then: string;
  field: Field;
  op: Comparison;
  /** Threshold in the field's fixed-point scale. */
  threshold: number;
  /** Set when the number had more decimals than the field carries. */
  rounded: boolean;
  actions: Action[];
}

export interface RemoteRule {
  index: number;
  when: string;
  then: string;
  reason: string;
}

export interface NodeModel {
  spec: SystemSpec;
  node: SpecNode;
  board: Board;
  channels: Channel[];
  fields: Field[];
  actuators: Actuator[];
  localRules: LocalRule[];
  remoteRules: RemoteRule[];
  /** Sensors no telemetry field reads. */
  unusedSensors: string[];
  /** Size of the line buffer: the longest line the program can print, plus a margin. */
  lineMax: number;
}

/** Room for the runtime node id (JSON-escaped, truncated by the formatter if longer). */
const NODE_ID_RESERVE = 72;

export function buildModel(spec: SystemSpec, node: SpecNode, board: Board): NodeModel {
  const channels: Channel[] = [];
  const channelFor = (sensorId: string | null, sensorLabel: string, quantity: string): number => {
    const found = channels.find((c) => c.sensorId === sensorId && c.profile.quantity === quantity);
    if (found) return found.index;
    channels.push({ index: channels.length, sensorId, sensorLabel, profile: profileOf(quantity) });
    return channels.length - 1;
  };
  const sensorQuantities = (s: SpecNode["sensors"][number]) => {
    const fromType = quantitiesOf(s.type);
    if (fromType.length > 0) return fromType;
    const fromModel = s.model ? quantitiesOf(s.model) : [];
    return fromModel.length > 0 ? fromModel : [normalizeWord(s.type) || "analog"];
  };
  const label = (s: SpecNode["sensors"][number]) => `${s.id} (${s.type}${s.model ? `, ${s.model}` : ""})`;

  const fields = node.telemetry.fields.map((name, index): Field => {
    const field = (source: FieldSource, note: string, decimals = 0): Field => ({ index, name, decimals, source, note });
    const fromChannel = (sensor: SpecNode["sensors"][number] | null, quantity: string, note: string) => {
      const channel = channelFor(sensor?.id ?? null, sensor ? label(sensor) : "simulated", quantity);
      return field({ kind: "channel", channel }, note, profileOf(quantity).decimals);
    };
    const wanted = quantitiesOf(name);
    for (const sensor of node.sensors) {
      const provides = sensorQuantities(sensor);
      if (name === sensor.id || name.startsWith(`${sensor.id}_`)) {
        const quantity = provides.find((p) => wanted.includes(p)) ?? provides[0] ?? "analog";
        return fromChannel(sensor, quantity, `sensor ${label(sensor)}: ${quantity}`);
      }
    }
    for (const quantity of wanted) {
      const sensor = node.sensors.find((s) => sensorQuantities(s).includes(quantity));
      if (sensor) return fromChannel(sensor, quantity, `sensor ${label(sensor)}: ${quantity}`);
    }
    if (wanted[0]) return fromChannel(null, wanted[0], `no sensor on this node measures ${wanted[0]}: simulated`);
    if (/(^|_)(uptime|uptime_s|seconds)($|_)/.test(name)) return field({ kind: "uptime" }, "seconds since boot");
    return field({ kind: "counter" }, "no sensor matches this field: it counts samples");
  });

  const actuators = node.actuators.map((a, index): Actuator => ({
    index,
    id: a.id,
    type: a.type,
    ...(a.pin ? { pin: a.pin } : {}),
  }));

  const localRules: LocalRule[] = [];
  const remoteRules: RemoteRule[] = [];
  spec.rules.forEach((rule, index) => {
    const cond = parseCondition(rule.when);
    const remote = (reason: string) => remoteRules.push({ index, when: rule.when, then: rule.then, reason });
    if (!cond) return remote("not in the simple `<field> <op> <number>` form");
    if (cond.node && cond.node !== node.id) return remote(`about node ${cond.node}`);
    const field = fields.find((f) => f.name === cond.field);
    if (!field) return remote(`${cond.field} is not one of this node's telemetry fields`);
    const actions: Action[] = [];
    for (const clause of parseActions(rule.then)) {
      if (clause.node && clause.node !== node.id) continue;
      for (const a of actuators) {
        const names = [a.id, normalizeWord(a.type)];
        if (!clause.words.some((w) => names.includes(w))) continue;
        if (!actions.some((x) => x.actuator === a.index)) {
          actions.push({ actuator: a.index, state: clause.state, revertOnClear: false });
        }
      }
    }
    localRules.push({
      index,
      when: rule.when,
      then: rule.then,
      field,
      op: cond.op,
      threshold: toFixedPoint(cond.value, field.decimals),
      rounded: cond.decimals > field.decimals,
      actions,
    });
  });
  for (const rule of localRules) {
    for (const action of rule.actions) {
      const drivers = localRules.filter((r) => r.actions.some((a) => a.actuator === action.actuator));
      action.revertOnClear = action.state !== "toggle" && drivers.length === 1;
    }
  }

  const used = new Set(channels.map((c) => c.sensorId));
  const unusedSensors = node.sensors.filter((s) => !used.has(s.id)).map(label);
  return {
    spec,
    node,
    board,
    channels,
    fields,
    actuators,
    localRules,
    remoteRules,
    unusedSensors,
    lineMax: lineMax(board, fields, actuators, localRules),
  };
}

function lineMax(board: Board, fields: Field[], actuators: Actuator[], rules: LocalRule[]): number {
  const value = 12; // "-2147483648" or "-21474836.48"
  const telemetry = 20 + NODE_ID_RESERVE + 10 + fields.reduce((n, f) => n + f.name.length + 4 + value, 0);
  const boot = 40 + NODE_ID_RESERVE + JSON.stringify(board.id).length;
  const alerts = rules.map((r) => 64 + NODE_ID_RESERVE + r.field.name.length + value + JSON.stringify(r.then).length);
  const actuatorEvents = actuators.map((a) => 80 + NODE_ID_RESERVE + a.id.length);
  const longest = Math.max(telemetry, boot, 160 + NODE_ID_RESERVE, ...alerts, ...actuatorEvents);
  return Math.ceil((longest + 16) / 16) * 16;
}
