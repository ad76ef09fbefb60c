/**
 * Commands on the console UART, as the simulator sends them: generated firmware built with the real
 * cross compilers and booted in QEMU with idle waits in real time; once the first telemetry line is
 * out, command lines are typed into QEMU's stdin (the board's console UART). The console must then
 * show the node's reaction, and the node must keep sampling. The Pico runs on rp2040js, as in simulation.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SystemSpec } from "../../../contracts/spec/schema";
import { Rp2040Emulator } from "../../emulators/rp2040";
import { board, fillPlaceholders, generate, greenhouseSpec } from "./testing/fixtures";
import { compile, qemuArmArgs, qemuAvrArgs, runQemu } from "./testing/toolchain";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The fan is only driven by a rule of another node (the aggregator's), so only a command switches it. */
const actuatorNode = (id: string) => greenhouseSpec(id, {}, [{ when: "gh-7.temperature > 3", then: "fan on" }]);
const sensorNode = (id: string) => greenhouseSpec(id, { actuators: [] }, []);

/** An overlong line (dropped, reported as unknown), then "fan on". */
const TYPED = `${"x".repeat(70)}\nfan on\n`;

const MACHINES: ReadonlyArray<readonly [string, string]> = [
  ["lm3s6965evb", "lm3s6965evb"],
  ["netduino-plus-2", "netduinoplus2"],
  ["stm32vldiscovery", "stm32vldiscovery"],
  ["arduino-uno", "arduino-uno"],
];

interface Line {
  kind: string;
  record: Record<string, unknown>;
}

function protocolLines(stdout: string): Line[] {
  return stdout
    .split(/\r?\n/)
    .filter((l) => l.startsWith("@t ") || l.startsWith("@e "))
    .map((l) => ({ kind: l.slice(0, 2), record: JSON.parse(l.slice(3)) as Record<string, unknown> }));
}

const isEvent = (name: string) => (l: Line) => l.kind === "@e" && l.record.event === name;

/** Boots the node, types TYPED after its first telemetry line, runs until `count` `reaction` events and one more sample. */
async function runWithCommands(
  id: string,
  machine: string,
  spec: SystemSpec,
  reaction: string,
  count: number,
): Promise<Line[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `templates-cmd-${id}-`));
  dirs.push(dir);
  // 40 samples (10 s) bound the run should the reaction never come; `done` normally ends it first.
  const built = await compile(dir, board(id), fillPlaceholders(await generate(spec)), ["SWARM_SIM_MAX_SAMPLES=40"]);
  const done = (out: string) => {
    const lines = protocolLines(out.slice(0, out.lastIndexOf("\n") + 1));
    const at = lines.map((l, i) => (isEvent(reaction)(l) ? i : -1)).filter((i) => i >= 0);
    return at.length >= count && lines.slice(at[count - 1]! + 1).some((l) => l.kind === "@t");
  };
  const avr = board(id).toolchain.capability === "avr-gcc";
  const result = await runQemu(
    avr ? "qemu-system-avr" : "qemu-system-arm",
    avr ? qemuAvrArgs(machine, built.elf) : qemuArmArgs(machine, built.elf, "realtime"),
    20_000,
    done,
    { when: (out) => /^@t /m.test(out), text: TYPED },
  );
  expect(
    done(result.stdout),
    `not ${count} ${reaction} event(s) followed by telemetry:\n${result.stdout}\n${result.stderr}`,
  ).toBe(true);
  return protocolLines(result.stdout);
}

describe("console commands in QEMU", () => {
  it.each(MACHINES)("%s (%s): an actuator node switches its fan on a command", async (id, machine) => {
    const lines = await runWithCommands(id, machine, actuatorNode(id), "actuator", 1);
    const firstSample = lines.findIndex((l) => l.kind === "@t");
    const unknown = lines.findIndex(isEvent("command_unknown"));
    const switched = lines.findIndex(isEvent("actuator"));
    // Typed after the first sample: both reactions follow it, in the order the lines were typed.
    expect(firstSample).toBeGreaterThanOrEqual(0);
    expect(unknown).toBeGreaterThan(firstSample);
    expect(switched).toBeGreaterThan(unknown);
    expect(lines[unknown]!.record).toEqual({ event: "command_unknown", node: "gh-1" });
    // No "rule" key: the command, not a rule, switched it.
    expect(lines[switched]!.record).toEqual({ event: "actuator", node: "gh-1", actuator: "fan", state: "on" });
    expect(lines.filter(isEvent("actuator"))).toHaveLength(1);
  });

  it.each(MACHINES)("%s (%s): a node without actuators reports the command as unknown", async (id, machine) => {
    const lines = await runWithCommands(id, machine, sensorNode(id), "command_unknown", 2);
    const unknown = lines.filter(isEvent("command_unknown"));
    // Once for the overlong line, once for "fan on": this node has nothing to switch.
    expect(unknown).toEqual([
      { kind: "@e", record: { event: "command_unknown", node: "gh-1" } },
      { kind: "@e", record: { event: "command_unknown", node: "gh-1" } },
    ]);
    expect(lines.some(isEvent("actuator"))).toBe(false);
  });
});

describe("console commands on rp2040js (the Pico's simulator)", () => {
  it("rpi-pico: an actuator node switches its fan on a command typed into UART0", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "templates-cmd-rpi-pico-"));
    dirs.push(dir);
    const built = await compile(dir, board("rpi-pico"), fillPlaceholders(await generate(actuatorNode("rpi-pico"))));
    let typeAfterFirstSample = (): void => {};
    const run = new Rp2040Emulator().start({
      board: board("rpi-pico"),
      image: new Uint8Array(await readFile(built.elf)),
      mode: "check",
      durationMs: 1000,
      wallLimitMs: 20_000,
      onLine: ({ line }) => {
        if (line.kind === "telemetry") typeAfterFirstSample();
      },
    });
    let typed = false;
    typeAfterFirstSample = () => {
      // Only "fan on": rp2040js drops bytes fed beyond its 32-byte receive FIFO, so no overlong line here.
      if (!typed) run.write("fan on\n");
      typed = true;
    };
    const result = await run.done;
    expect(result.status, result.detail).toBe("passed");
    const lines = protocolLines(result.console);
    const firstSample = lines.findIndex((l) => l.kind === "@t");
    const switched = lines.findIndex(isEvent("actuator"));
    expect(switched).toBeGreaterThan(firstSample);
    expect(lines[switched]!.record).toEqual({ event: "actuator", node: "gh-1", actuator: "fan", state: "on" });
    expect(lines.slice(switched + 1).some((l) => l.kind === "@t")).toBe(true);
  });
});
