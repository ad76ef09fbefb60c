/** Specs and helpers shared by the template generator's tests. */
import { getBoard, type Board } from "../../../../boards/index";
import { systemSpecSchema, type SpecInput, type SystemSpec } from "../../../../contracts/spec/schema";
import type { FirmwareFile } from "../../types";
import { createTemplateGenerator } from "../index";

type NodeInput = SpecInput["nodes"][number];

/** A one-node swarm: two sensors (dht22 air, soil moisture), a fan, and a rule the node evaluates. */
export function greenhouseSpec(
  board: string,
  overrides: Partial<NodeInput> = {},
  rules?: SpecInput["rules"],
): SystemSpec {
  return systemSpecSchema.parse({
    version: 1,
    name: "Greenhouse",
    nodes: [
      {
        id: "gh-1",
        name: "Greenhouse bed 1",
        board,
        role: "sensor",
        behavior: "Measure air temperature, humidity and soil moisture; run the fan when it gets warm.",
        sensors: [
          { id: "air", type: "dht22" },
          { id: "soil", type: "soil_moisture" },
        ],
        actuators: [{ id: "fan", type: "fan", pin: "GPIO5" }],
        telemetry: { intervalMs: 250, fields: ["temperature", "humidity", "soil_moisture", "uptime"] },
        position: { x: 0, y: 0 },
        ...overrides,
      },
    ],
    rules: rules ?? [
      { when: "temperature > 20", then: "fan on" },
      { when: "avg(temperature) > 25 for 10 min", then: "notify the farmer" },
    ],
  });
}

export function board(id: string): Board {
  const b = getBoard(id);
  if (!b) throw new Error(`no board ${id}`);
  return b;
}

export async function generate(spec: SystemSpec, nodeIndex = 0): Promise<FirmwareFile[]> {
  const node = spec.nodes[nodeIndex]!;
  const result = await createTemplateGenerator().generate({ spec, node, board: board(node.board), iteration: 1 });
  return result.files;
}

export function file(files: FirmwareFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(", ")}`);
  return found.content;
}

export const TEST_CONFIG: Record<string, string> = {
  SWARM_ID: "farm-1",
  NODE_ID: "gh-1",
  MQTT_HOST: "127.0.0.1",
  MQTT_PORT: "1883",
  MQTT_USER: "node",
  MQTT_PASSWORD: 'p"w\\d',
  WIFI_SSID: "greenhouse",
  WIFI_PASSWORD: "secret",
  SERVER_URL: "http://127.0.0.1:3000",
  MQTT_CA_PEM: "",
};

/** Fills placeholders by simple replacement (values are C-escaped by hand where needed). */
export function fillPlaceholders(files: FirmwareFile[], values = TEST_CONFIG): FirmwareFile[] {
  const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  return files.map((f) => ({
    path: f.path,
    content: f.content.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) =>
      values[name] === undefined ? whole : escape(values[name]),
    ),
  }));
}

export type Segment = { kind: "code" | "comment" | "string" | "char"; text: string };

/** Splits C source into code, comments, string and character literals. */
export function cSegments(src: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let code = "";
  const flush = () => {
    if (code) out.push({ kind: "code", text: code });
    code = "";
  };
  while (i < src.length) {
    const two = src.slice(i, i + 2);
    if (two === "/*" || two === "//") {
      flush();
      const end = two === "/*" ? src.indexOf("*/", i + 2) : src.indexOf("\n", i);
      if (two === "/*" && end < 0) throw new Error(`unterminated comment at ${i}`);
      const stop = end < 0 ? src.length : two === "/*" ? end + 2 : end;
      out.push({ kind: "comment", text: src.slice(i, stop) });
      i = stop;
    } else if (src[i] === '"' || src[i] === "'") {
      flush();
      const quote = src[i]!;
      let j = i + 1;
      while (j < src.length && src[j] !== quote) {
        if (src[j] === "\n") throw new Error(`newline in literal at ${i}`);
        j += src[j] === "\\" ? 2 : 1;
      }
      out.push({ kind: quote === '"' ? "string" : "char", text: src.slice(i, j + 1) });
      i = j + 1;
    } else {
      code += src[i];
      i++;
    }
  }
  flush();
  return out;
}
