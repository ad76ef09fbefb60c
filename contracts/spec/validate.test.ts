import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { emptySpec, type SpecInput } from "./schema";
import { parseSpec, safeParseSpec } from "./validate";

function node(id: string, board = "lm3s6965evb"): SpecInput["nodes"][number] {
  return {
    id,
    name: id.toUpperCase(),
    board,
    role: "sensor",
    behavior: "reports temperature every 5 s",
    sensors: [{ id: "temp", type: "temperature", unit: "C" }],
    telemetry: { intervalMs: 5000, fields: ["temperature"] },
    position: { x: 0, y: 0 },
  };
}

const spec = (overrides: Partial<SpecInput> = {}): SpecInput => ({ ...emptySpec("Greenhouse"), ...overrides });

function messageOf(input: unknown): string {
  try {
    parseSpec(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).message;
  }
  throw new Error("expected the spec to be rejected");
}

describe("parseSpec", () => {
  it("accepts a three-node swarm and fills defaults", () => {
    const parsed = parseSpec(spec({ nodes: [node("a"), node("b", "netduino-plus-2"), node("c", "arduino-uno")] }));
    expect(parsed.nodes.map((n) => n.board)).toEqual(["lm3s6965evb", "netduino-plus-2", "arduino-uno"]);
    expect(parsed.nodes[0].actuators).toEqual([]);
    expect(parsed.links).toEqual([]);
  });

  it("refuses a NUL character anywhere in its text, naming where (PostgreSQL cannot store it)", () => {
    const withNul = node("a");
    withNul.sensors = [{ id: "temp", type: "temp\u0000erature", unit: "C" }];
    expect(messageOf(spec({ nodes: [withNul] }))).toBe(
      "Invalid spec: nodes.0.sensors.0.type: text cannot contain a NUL character",
    );
    expect(messageOf(spec({ description: "\u0000" }))).toContain("description: text cannot contain a NUL character");
  });

  it("names the failing path of an unknown board", () => {
    const message = messageOf(spec({ nodes: [node("a"), node("b"), node("c", "esp99")] }));
    expect(message).toContain('nodes.2.board: unknown board "esp99"');
  });

  it("rejects duplicate node ids and ids that cannot be MQTT topic segments", () => {
    expect(messageOf(spec({ nodes: [node("a"), node("a")] }))).toContain('nodes.1.id: duplicate node id "a"');
    expect(messageOf(spec({ nodes: [node("Fan/1")] }))).toContain("nodes.0.id: use 1-40 lower-case");
  });

  it("rejects links to missing nodes and self-links", () => {
    const message = messageOf(
      spec({
        nodes: [node("a")],
        links: [
          { from: "a", to: "zz" },
          { from: "a", to: "a" },
        ],
      }),
    );
    expect(message).toContain('links.0.to: no node "zz"');
    expect(message).toContain("links.1: a node cannot link to itself");
  });

  it("refuses secret values inline and accepts references", () => {
    const inline = spec({ network: { wifi: { ssid: "farm", password: "hunter2" } as never } });
    expect(messageOf(inline)).toContain("network.wifi: secret values don't belong in the spec");
    expect(messageOf(inline)).not.toContain("hunter2");
    const byRef = spec({ network: { wifi: { ssid: "farm", passwordSecret: "WIFI_PASSWORD" } } });
    expect(parseSpec(byRef).network.wifi?.passwordSecret).toBe("WIFI_PASSWORD");
  });

  it("bounds the telemetry interval and checks field identifiers", () => {
    const bad = node("a");
    bad.telemetry = { intervalMs: 10, fields: ["Temp C"] };
    const message = messageOf(spec({ nodes: [bad] }));
    expect(message).toContain("nodes.0.telemetry.intervalMs");
    expect(message).toContain("nodes.0.telemetry.fields.0");
  });

  it("rejects a wrong version and unknown top-level keys", () => {
    expect(safeParseSpec({ ...spec(), version: 2 }).success).toBe(false);
    expect(messageOf({ ...spec(), colour: "red" })).toContain("spec: Unrecognized key");
  });

  it("names the node and the item of an expectation it cannot parse, and accepts the grammar", () => {
    const bad = node("probe");
    bad.expect = ["@t temperature", "temperature between 15 and", "at least 3 telemetry lines within 5 s"];
    const message = messageOf(spec({ nodes: [bad] }));
    expect(message).toContain('nodes.0.expect.1: node "probe"');
    expect(message).toContain("temperature between 15 and");
    expect(message).not.toContain("expect.0");
    expect(message).not.toContain("expect.2");
  });
});
