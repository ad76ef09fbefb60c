/**
 * Every node of every example through the template generator and the real cross compiler
 * (warnings are errors), checked against its board's flash and RAM, then booted in the board's QEMU
 * machine: the console must show the node's boot event and parseable `@t` lines carrying exactly
 * the declared fields. A QEMU run only passes when those lines arrived; a timeout is a failure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getBoard } from "../boards";
import { createTemplateGenerator } from "../workers/codegen/templates";
import { fillPlaceholders, TEST_CONFIG } from "../workers/codegen/templates/testing/fixtures";
import { compile, qemuArmArgs, qemuAvrArgs, records, runQemu } from "../workers/codegen/templates/testing/toolchain";
import { examples } from "./index";

const SAMPLES = 3;
const dirs: string[] = [];
const sizes: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  console.info(`example firmware sizes:\n  ${sizes.join("\n  ")}`);
});

const cases = examples.flatMap((example) =>
  example.spec.nodes.map((node) => [`${example.id}/${node.id}`, example, node] as const),
);

describe("example firmware builds, fits and boots", () => {
  it.each(cases)("%s", async (_name, example, node) => {
    const board = getBoard(node.board)!;
    const generated = await createTemplateGenerator().generate({ spec: example.spec, node, board, iteration: 1 });
    const files = fillPlaceholders(generated.files, { ...TEST_CONFIG, SWARM_ID: example.id, NODE_ID: node.id });
    const dir = await mkdtemp(path.join(os.tmpdir(), `example-${node.id}-`));
    dirs.push(dir);

    // The image a user would flash: it must fit the board.
    const release = await compile(path.join(dir), board, files);
    sizes.push(
      `${example.id}/${node.id} on ${board.id}: flash ${release.flash}/${board.flashBytes} B, RAM ${release.ram}/${board.ramBytes} B`,
    );
    expect(release.flash).toBeLessThanOrEqual(board.flashBytes);
    expect(release.ram).toBeLessThanOrEqual(board.ramBytes);

    // A test build that stops after a few samples, booted in the board's QEMU machine.
    const simDir = await mkdtemp(path.join(os.tmpdir(), `example-${node.id}-sim-`));
    dirs.push(simDir);
    const sim = await compile(simDir, board, files, [`SWARM_SIM_MAX_SAMPLES=${SAMPLES}`]);
    const machine = board.emulator!.machine;
    const done = (out: string) => out.includes("sim: sample limit reached");
    const result =
      board.emulator!.capability === "qemu-arm"
        ? await runQemu("qemu-system-arm", qemuArmArgs(machine, sim.elf), 20_000)
        : await runQemu("qemu-system-avr", qemuAvrArgs(machine, sim.elf), 20_000, done);
    expect(done(result.stdout), `no sample limit line before the timeout:\n${result.stdout}\n${result.stderr}`).toBe(
      true,
    );
    if (board.emulator!.capability === "qemu-arm") {
      // On ARM the firmware ends QEMU itself through semihosting once the samples are out.
      expect(result.killed).toBe(false);
      expect(result.code).toBe(0);
    }

    const events = records(result.stdout, "@e");
    expect(events[0]).toEqual({ event: "boot", node: node.id, board: board.id });
    const telemetry = records(result.stdout, "@t");
    expect(telemetry).toHaveLength(SAMPLES);
    telemetry.forEach((t, i) => {
      expect(Object.keys(t)).toEqual(["node", "seq", ...node.telemetry.fields]);
      expect(t).toMatchObject({ node: node.id, seq: i + 1 });
      for (const field of node.telemetry.fields) expect(typeof t[field], field).toBe("number");
    });
    // The simple expectations the spec declares ("@t <field>") hold on this console.
    for (const item of node.expect) {
      const [kind, field] = item.split(" ");
      expect(kind).toBe("@t");
      expect(
        telemetry.every((t) => field! in t),
        item,
      ).toBe(true);
    }
  });
});
