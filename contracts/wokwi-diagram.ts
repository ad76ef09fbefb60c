import { z } from "zod";
import type { Board } from "../boards/schema";
import type { SpecNode } from "./spec/schema";
import {
  ACTUATOR_PARTS,
  type PartKind,
  SENSOR_PARTS,
  WIRE_COLORS,
  WOKWI_BOARD_PARTS,
  type WireTo,
} from "./wokwi-parts";

/**
 * Wokwi's `diagram.json` (the file the Wokwi simulator, its VS Code extension and `wokwi-cli` read): the parts with
 * their position and attributes, and the wires as `["part:pin", "part:pin", color, path]`. The schema is checked
 * against published diagrams (test/fixtures/corpus/wokwi-diagrams), and the generator below writes the same shape.
 */
const partIdSchema = z.string().regex(/^[A-Za-z0-9_-]+$/, "a part id: letters, digits, _ and -");
const endpointSchema = z
  .string()
  .regex(/^(\$serialMonitor|[A-Za-z0-9_-]+):[^\s:]+$/, 'a pin as "part:pin", e.g. "esp:TX" or "$serialMonitor:RX"');
/** Wire routing hints as the Wokwi editor writes them: "v10", "h-92.6", "*". */
const wirePathSchema = z.string().regex(/^(\*|[vh]-?\d+(\.\d+)?)$/, 'a wire step like "v10" or "h-92.6"');

export const wokwiPartSchema = z.strictObject({
  type: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, 'a Wokwi part type like "wokwi-led"'),
  id: partIdSchema,
  top: z.number().finite(),
  left: z.number().finite(),
  rotate: z.number().finite().optional(),
  hide: z.boolean().optional(),
  attrs: z.record(z.string(), z.string()),
});

export const wokwiConnectionSchema = z.tuple([endpointSchema, endpointSchema, z.string(), z.array(wirePathSchema)]);

export const wokwiDiagramSchema = z
  .strictObject({
    version: z.literal(1),
    author: z.string().optional(),
    editor: z.string().min(1),
    parts: z.array(wokwiPartSchema).min(1),
    connections: z.array(wokwiConnectionSchema),
    dependencies: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((diagram, ctx) => {
    const ids = new Set<string>();
    for (const part of diagram.parts) {
      if (ids.has(part.id)) ctx.addIssue({ code: "custom", message: `part id "${part.id}" is used twice` });
      ids.add(part.id);
    }
    diagram.connections.forEach((connection, index) => {
      for (const end of connection.slice(0, 2) as string[]) {
        const part = end.slice(0, end.indexOf(":"));
        if (part !== "$serialMonitor" && !ids.has(part)) {
          ctx.addIssue({ code: "custom", path: ["connections", index], message: `"${end}" names no part` });
        }
      }
    });
  });

export type WokwiDiagram = z.infer<typeof wokwiDiagramSchema>;
export type WokwiPart = z.infer<typeof wokwiPartSchema>;
type Connection = z.infer<typeof wokwiConnectionSchema>;

const words = (text: string | undefined) =>
  (text ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

/** The part kind a component's model, type or id names (in that order), by the whole word, then its parts. */
function kindOf(kinds: PartKind[], component: { id: string; type: string; model?: string }): PartKind | undefined {
  for (const text of [component.model, component.type, component.id].map(words).filter(Boolean)) {
    const candidates = [text, text.replace(/_/g, ""), ...text.split("_")];
    for (const candidate of candidates) {
      const kind = kinds.find((k) => k.words.includes(candidate));
      if (kind) return kind;
    }
  }
  return undefined;
}

const gpioNumber = (pin: string | undefined) => {
  const match = /^(?:GPIO|IO|D)?(\d{1,2})$/i.exec((pin ?? "").trim());
  return match ? Number(match[1]) : null;
};

const NO_PART_SENSOR = " (the firmware's own readings still print)";

export type DiagramNode = Pick<SpecNode, "id" | "sensors" | "actuators"> & { name?: string };

export interface GeneratedDiagram {
  diagram: WokwiDiagram;
  /** What the diagram could not honour: components Wokwi has no part for, pins moved to another GPIO. */
  notes: string[];
}

/**
 * A node's `diagram.json`: its board as the Wokwi board part (id "esp"), the console on the serial monitor, and a
 * part for every sensor and actuator Wokwi models, wired to the pin the node asks for when the board part has it
 * free and usable, or else to the next free GPIO (ADC1 pins for analog outputs, the board's I2C pins for I2C parts).
 * Returns null for a board Wokwi does not run.
 */
export function wokwiDiagramFor(board: Board, node?: DiagramNode): GeneratedDiagram | null {
  const part = WOKWI_BOARD_PARTS[board.id];
  if (!part) return null;
  const notes: string[] = [];
  const used = new Set<number>();
  const parts: WokwiPart[] = [{ type: part.type, id: "esp", top: 0, left: 0, attrs: {} }];
  const connections: Connection[] = [
    ["esp:TX", "$serialMonitor:RX", "", []],
    ["esp:RX", "$serialMonitor:TX", "", []],
  ];
  let grounds = 0;
  const pinName = (gpio: number) => `esp:${part.names[gpio] ?? gpio}`;
  const boardGpio = (key: string) => gpioNumber(board.pins[key]);
  // "A0"/"ADC0" in a spec means the board's first analog input.
  const analogAlias = (pin: string) => (/^a(dc)?0$/i.test(pin) ? boardGpio("adc0") : null);
  // Pins a node asks for by name go to that component first; the automatic choice passes them over.
  const claimed = new Map<number, string>();
  const usable = (gpio: number, to: WireTo, label: string) =>
    !used.has(gpio) &&
    (claimed.get(gpio) ?? label) === label &&
    (to === "adc" ? part.analog : [...part.digital, ...part.analog, ...part.other]).includes(gpio) &&
    !(to === "out" && part.inputOnly.includes(gpio));
  const requestedGpio = (pin?: string) => (pin === undefined ? null : (gpioNumber(pin) ?? analogAlias(pin)));
  const allocate = (to: WireTo, label: string, requested?: string): number | null => {
    const wanted = requestedGpio(requested);
    if (wanted !== null && usable(wanted, to, label)) return wanted;
    const pool = to === "adc" ? [boardGpio("adc0") ?? -1, ...part.analog] : part.digital;
    const free = pool.find((gpio) => gpio >= 0 && usable(gpio, to, label));
    if (free === undefined) {
      notes.push(`${label}: no free ${to === "adc" ? "ADC" : "GPIO"} pin left on ${board.name}, left out`);
      return null;
    }
    if (requested !== undefined)
      notes.push(`${label}: pin ${requested} is not free or usable on ${board.name}, wired to GPIO${free}`);
    return free;
  };

  const add = (kind: PartKind, component: { id: string; pin?: string }, label: string, index: number, side: number) => {
    let id = component.id;
    for (let n = 2; parts.some((p) => p.id === id); n++) id = `${component.id}_${n}`;
    const wires: Connection[] = [];
    const taken: number[] = [];
    // A part that cannot be wired completely is left out, and gives back the pins it took.
    const leaveOut = () => taken.forEach((gpio) => used.delete(gpio));
    let requested = component.pin;
    for (const [pin, to] of kind.wires) {
      let target: string | null;
      if (to === "3v3" || to === "5v") target = `esp:${to === "3v3" ? part.power3v3 : part.power5v}`;
      else if (to === "gnd") target = `esp:${part.grounds[grounds++ % part.grounds.length]}`;
      else if (to === "sda" || to === "scl") {
        const gpio = boardGpio(`i2c.${to}`);
        target = gpio === null ? null : pinName(gpio);
      } else {
        const gpio = allocate(to, label, requested);
        requested = undefined;
        if (gpio === null) return leaveOut();
        used.add(gpio);
        taken.push(gpio);
        target = pinName(gpio);
      }
      if (target === null) {
        notes.push(`${label}: ${board.name} has no ${to.toUpperCase()} pin in the catalogue, left out`);
        return leaveOut();
      }
      wires.push([`${id}:${pin}`, target, WIRE_COLORS[to], ["v0"]]);
    }
    parts.push({ type: kind.type, id, top: -80 + index * 110, left: side * 260, attrs: { ...kind.attrs } });
    connections.push(...wires);
  };

  const sensors = (node?.sensors ?? []).map((sensor) => ({
    component: sensor,
    kind: kindOf(SENSOR_PARTS, sensor),
    label: `sensor ${sensor.id} (${sensor.model ?? sensor.type})`,
    side: -1,
  }));
  const actuators = (node?.actuators ?? []).map((actuator) => ({
    component: actuator,
    kind: kindOf(ACTUATOR_PARTS, actuator),
    label: `actuator ${actuator.id} (${actuator.type})`,
    side: 1,
  }));
  // The I2C bus is shared: its pins are kept from other parts as soon as one part needs them.
  if ([...sensors, ...actuators].some(({ kind }) => kind?.wires.some(([, to]) => to === "sda" || to === "scl"))) {
    for (const key of ["i2c.sda", "i2c.scl"]) {
      const gpio = boardGpio(key);
      if (gpio !== null) used.add(gpio);
    }
  }
  for (const { component, kind, label } of [...sensors, ...actuators]) {
    const first = kind?.wires.find(([, to]) => to === "in" || to === "out" || to === "adc");
    const gpio = requestedGpio(component.pin);
    if (first && gpio !== null && usable(gpio, first[1], label)) claimed.set(gpio, label);
  }
  for (const group of [sensors, actuators]) {
    group.forEach(({ component, kind, label, side }, index) => {
      if (kind) add(kind, component, label, index, side);
      else notes.push(`${label}: Wokwi has no part for it, left out${side < 0 ? NO_PART_SENSOR : ""}`);
    });
  }

  const diagram: WokwiDiagram = {
    version: 1,
    author: node?.name ?? node?.id ?? board.name,
    editor: "wokwi",
    parts,
    connections,
    dependencies: {},
  };
  return { diagram: wokwiDiagramSchema.parse(diagram), notes };
}
