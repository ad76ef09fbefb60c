/** Claude's answers for the test table: each row's expected design written out as a SystemSpec. */
import type { SpecInput } from "../../../contracts/spec/schema";
import type { Summary } from "./summary.fixtures";

type NodeInput = SpecInput["nodes"][number];

const NODE_LINE = /^(\S+) (sensor|actuator|gateway) (\S+) \[([^\]]*)\] \{([^}]*)\} (\d+)$/;

/** The spec a model would answer for a summary row: one sensor per field, the actuators, the rules. */
export function specFromSummary(name: string, summary: Summary, existing: NodeInput[] = []): SpecInput {
  const nodes = summary.nodes.map((line, i): NodeInput => {
    const m = NODE_LINE.exec(line);
    if (!m) throw new Error(`bad summary line ${line}`);
    const [, id, role, board, fields, actuators, interval] = m;
    const fieldList = fields ? fields.split(",") : [];
    return {
      id: id!,
      name: id!.replace(/-/g, " "),
      board: board!,
      role: role as NodeInput["role"],
      behavior: `Node ${id} as asked.`,
      sensors: fieldList.filter((f) => f !== "uptime").map((f) => ({ id: f, type: f })),
      actuators: actuators ? actuators.split(",").map((a) => ({ id: a, type: a.replace(/_\d+$/, "") })) : [],
      telemetry: { intervalMs: Number(interval), fields: fieldList },
      expect: fieldList.map((f) => `@t ${f}`),
      position: { x: i * 10, y: 0 },
    };
  });
  const rules = summary.rules.map((r) => {
    const [when, then] = r.split(" => ");
    return { when: when!, then: then! };
  });
  const links = summary.links.map((l) => {
    const [from, to] = l.split("->");
    return { from: from!, to: to! };
  });
  return { version: 1, name, description: "", nodes: [...existing, ...nodes], links, rules };
}
