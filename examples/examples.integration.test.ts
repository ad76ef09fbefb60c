/**
 * Every node of every example the way a user's project goes through Build and Simulate: the template generator,
 * the sandboxed cross compiler the Build stage uses (warnings reported, memory checked against the board's
 * budget), then a check run of the built ELF in the board's emulator through the simulator's own `simulateNode`,
 * which evaluates the node's `expect` items with the same evaluator as the Simulate stage. A node passes only when
 * the run itself passed and every one of its expectations did; a timeout or an unsupported board is a failure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getBoard } from "../boards";
import type { TimedLine } from "../contracts/simulate";
import { createTemplateGenerator } from "../workers/codegen/templates";
import { fillPlaceholders, TEST_CONFIG } from "../workers/codegen/templates/testing/fixtures";
import { simulateNode } from "../workers/simulate/simulate-node";
import { toolchainFor } from "../workers/toolchains";
import { examples } from "./index";

// Every template node samples at boot, so a few seconds of firmware time show each node's telemetry.
// AVR has no -icount: its firmware time is the wall clock, so a shorter run there.
const CHECK_MS: Record<string, number> = { "qemu-arm": 3000, "qemu-avr": 1500 };
const dirs: string[] = [];
const sizes: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  console.info(`example firmware sizes:\n  ${sizes.join("\n  ")}`);
});

const cases = examples.flatMap((example) =>
  example.spec.nodes.map((node) => [`${example.id}/${node.id}`, example, node] as const),
);

describe("example firmware builds, fits, boots and meets its expectations", () => {
  it("covers every node of every example in the gallery", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(new Set(cases.map(([, example]) => example.id))).toEqual(new Set(examples.map((e) => e.id)));
    expect(cases).toHaveLength(examples.reduce((sum, e) => sum + e.spec.nodes.length, 0));
  });

  it.each(cases)(
    "%s",
    async (_name, example, node) => {
      const board = getBoard(node.board)!;
      const generated = await createTemplateGenerator().generate({ spec: example.spec, node, board, iteration: 1 });
      const files = fillPlaceholders(generated.files, { ...TEST_CONFIG, SWARM_ID: example.id, NODE_ID: node.id });
      const workDir = await mkdtemp(path.join(os.tmpdir(), `example-${node.id}-`));
      dirs.push(workDir);

      // The image the Build stage makes and a user would flash: it compiles cleanly and fits the board.
      const built = await toolchainFor(board)!.compile({ board, files, workDir });
      if (!built.ok) throw new Error(`${example.id}/${node.id} did not build (${built.reason}): ${built.message}`);
      expect(built.diagnostics.filter((d) => d.severity !== "note")).toEqual([]);
      const { memory } = built;
      sizes.push(
        `${example.id}/${node.id} on ${board.id}: flash ${memory.flash}/${memory.flashBudget} B, ` +
          `RAM ${memory.ram}/${memory.ramBudget} B`,
      );
      expect(memory.flash).toBeLessThanOrEqual(memory.flashBudget);
      expect(memory.ram + memory.stackReserve).toBeLessThanOrEqual(memory.ramBudget);

      // That same ELF in the board's emulator, its expectations evaluated as the Simulate stage does.
      const durationMs = CHECK_MS[board.emulator!.capability]!;
      const lines: TimedLine[] = [];
      const result = await simulateNode({
        board,
        node: { id: node.id, sensors: node.sensors, actuators: node.actuators },
        image: built.output.elf,
        mode: "check",
        durationMs,
        wallLimitMs: 60_000,
        expect: node.expect,
        onLine: (line) => lines.push(line),
      });
      expect(node.expect.length).toBeGreaterThan(0);
      expect(result.checks.map((c) => c.item)).toEqual(node.expect);
      expect(result.checks.filter((c) => !c.passed)).toEqual([]);
      expect(result, result.console.slice(-2000)).toMatchObject({ status: "passed" });
      expect(result.approximateMachine).toBeUndefined();
      expect(result.firmwareMs).toBeGreaterThanOrEqual(durationMs);

      // What the checks saw: the node's boot event, then telemetry carrying exactly its declared fields.
      const events = lines.flatMap((l) => (l.line.kind === "event" ? [l.line.record] : []));
      expect(events[0]).toEqual({ event: "boot", node: node.id, board: board.id });
      const telemetry = lines.flatMap((l) => (l.line.kind === "telemetry" ? [l.line.record] : []));
      expect(telemetry.length).toBeGreaterThanOrEqual(1);
      telemetry.forEach((t, i) => {
        expect(Object.keys(t)).toEqual(["node", "seq", ...node.telemetry.fields]);
        expect(t).toMatchObject({ node: node.id, seq: i + 1 });
        for (const field of node.telemetry.fields) expect(typeof t[field], field).toBe("number");
      });
    },
    120_000,
  );
});
