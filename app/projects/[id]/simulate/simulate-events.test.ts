import { describe, expect, it } from "vitest";
import type { JobEvent } from "../workspace/diagnostic-events";
import {
  applySimulateEvent,
  approximateLabel,
  checksOf,
  emptySimulation,
  foldSimulation,
  MAX_CONSOLE_LINES,
  SPARK_POINTS,
  statusLabel,
  topicMatches,
} from "./simulate-events";

let seq = 0;
const event = (type: string, nodeId: string | null, data: unknown): JobEvent => ({
  seq: ++seq,
  type,
  nodeId,
  data,
  createdAt: "2026-12-04T12:00:00.000Z",
});
const consoleOf = (nodeId: string, ...raws: string[]) =>
  event("console", nodeId, { lines: raws.map((raw, i) => ({ firmwareMs: i * 1000, raw })) });

describe("foldSimulation", () => {
  it("follows each node from booting to its verdict with the worker's checks", () => {
    const view = foldSimulation([
      event("claimed", null, { attempt: 1 }),
      event("node-status", "a", { status: "booting" }),
      event("node-status", "b", { status: "unsupported", reason: "no built image: build this node first" }),
      event("node-status", "a", { status: "running" }),
      event("node-status", "a", {
        status: "failed",
        reason: "expectations",
        approximateMachine: "ran on stm32vldiscovery (STM32F100): x",
        checks: [{ item: "event boot", passed: false, evidence: "no boot event" }],
      }),
      event("succeeded", null, {}),
    ]);
    expect(view.lifecycle).toBe("succeeded");
    expect(view.nodes.a).toMatchObject({ status: "failed", reason: "expectations" });
    expect(view.nodes.a.checks).toEqual([{ item: "event boot", passed: false, evidence: "no boot event" }]);
    expect(statusLabel(view.nodes.a)).toBe("failed: expectations");
    expect(statusLabel(view.nodes.b)).toBe("unsupported: no built image: build this node first");
    expect(approximateLabel(view.nodes.a.approximateMachine)).toBe("approximate: ran on stm32vldiscovery");
  });

  it("keeps console lines, the latest telemetry record and a series of its first numeric field", () => {
    const view = foldSimulation([
      consoleOf("a", "booted", '@t {"node":"a","seq":1,"temperature":21.5,"humidity":40}', '@e {"event":"boot"}'),
      consoleOf("a", '@t {"node":"a","seq":2,"temperature":22,"humidity":41}', "@t not json"),
    ]);
    const node = view.nodes.a;
    expect(node.lines).toEqual([
      "booted",
      '@t {"node":"a","seq":1,"temperature":21.5,"humidity":40}',
      '@e {"event":"boot"}',
      '@t {"node":"a","seq":2,"temperature":22,"humidity":41}',
      "@t not json",
    ]);
    expect(node.lineCount).toBe(5);
    expect(node.latest).toEqual({ node: "a", seq: 2, temperature: 22, humidity: 41 });
    expect(node.series).toEqual({ field: "temperature", values: [21.5, 22] });
    expect(node.timed.map((t) => t.line.kind)).toEqual(["log", "telemetry", "event", "telemetry", "log"]);
  });

  it("bounds the console and the sparkline while counting every line", () => {
    const many = Array.from({ length: MAX_CONSOLE_LINES + 50 }, (_, i) => `@t {"v":${i}}`);
    const node = foldSimulation([consoleOf("a", ...many)]).nodes.a;
    expect(node.lines).toHaveLength(MAX_CONSOLE_LINES);
    expect(node.lines.at(-1)).toBe(`@t {"v":${MAX_CONSOLE_LINES + 49}}`);
    expect(node.lineCount).toBe(MAX_CONSOLE_LINES + 50);
    expect(node.series?.values).toHaveLength(SPARK_POINTS);
    expect(node.series?.values.at(-1)).toBe(MAX_CONSOLE_LINES + 49);
  });

  it("logs MQTT traffic in both directions and ignores events it has folded already", () => {
    const publish = event("mqtt", "a", { direction: "publish", topic: "swarm/s/nodes/a/telemetry", payload: "{}" });
    const command = event("mqtt", "c", { direction: "command", topic: "swarm/s/nodes/c/command", payload: "fan on" });
    const once = [publish, command].reduce(applySimulateEvent, emptySimulation());
    const replayed = [publish, command].reduce(applySimulateEvent, once);
    expect(replayed).toBe(once);
    expect(once.mqtt.map((m) => [m.direction, m.nodeId, m.payload])).toEqual([
      ["publish", "a", "{}"],
      ["command", "c", "fan on"],
    ]);
  });

  it("replays out-of-order events in seq order", () => {
    const first = consoleOf("a", "one");
    const second = consoleOf("a", "two");
    expect(foldSimulation([second, first]).nodes.a.lines).toEqual(["one", "two"]);
  });

  it("ignores an unknown node status", () => {
    const view = foldSimulation([event("node-status", "a", { status: "exploded" })]);
    expect(view.nodes.a.status).toBe("queued");
  });
});

describe("topicMatches", () => {
  const topic = "swarm/demo/nodes/fan/command";
  it("matches everything for an empty filter and substrings case-insensitively", () => {
    expect(topicMatches("", topic)).toBe(true);
    expect(topicMatches("FAN/", topic)).toBe(true);
    expect(topicMatches("telemetry", topic)).toBe(false);
  });
  it("follows MQTT wildcards", () => {
    expect(topicMatches("swarm/+/nodes/+/command", topic)).toBe(true);
    expect(topicMatches("swarm/demo/#", topic)).toBe(true);
    expect(topicMatches("swarm/+/nodes/+/telemetry", topic)).toBe(false);
    expect(topicMatches("swarm/+/nodes", topic)).toBe(false);
  });
});

describe("checksOf", () => {
  it("evaluates the expectations over the lines so far until the worker's verdict arrives", () => {
    const running = foldSimulation([consoleOf("a", '@t {"temperature":21}')]).nodes.a;
    const soFar = checksOf(running, ["@t temperature", "at least 2 telemetry lines"]);
    expect(soFar.final).toBe(false);
    expect(soFar.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(soFar.checks[0].evidence).toContain("temperature");

    const verdict = [{ item: "@t temperature", passed: true, evidence: '@t {"temperature":21}' }];
    const done = applySimulateEvent(
      foldSimulation([consoleOf("a", '@t {"temperature":21}')]),
      event("node-status", "a", { status: "passed", checks: verdict }),
    ).nodes.a;
    expect(checksOf(done, ["@t temperature"])).toEqual({ checks: verdict, final: true });
  });
});
