/**
 * Generated firmware, built with the real cross compilers (warnings are errors) and booted in QEMU:
 * the console must show the boot event, telemetry lines whose JSON has the spec's fields, and the
 * alert of the rule the node evaluates. A run that QEMU does not end by itself only passes when
 * those lines arrived before it was killed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { crc32Mpeg2 } from "./families/rp2040";
import { RTOS_SDK_STUBS } from "./testing/esp-stubs";
import { board, fillPlaceholders, generate, greenhouseSpec } from "./testing/fixtures";
import {
  compile,
  compileEspWithStubs,
  qemuArmArgs,
  qemuAvrArgs,
  records,
  runQemu,
  type Built,
} from "./testing/toolchain";

const FIELDS = ["temperature", "humidity", "soil_moisture", "uptime"];
const INTERVAL_MS = 250;
const dirs: string[] = [];
const sizes: Record<string, Built> = {};

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  const table = Object.entries(sizes).map(([id, s]) => `${id}: flash ${s.flash} B, RAM ${s.ram} B`);
  console.info(`template firmware sizes:\n  ${table.join("\n  ")}`);
});

async function build(id: string, defines: string[] = []): Promise<Built> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `templates-${id}-`));
  dirs.push(dir);
  const files = fillPlaceholders(await generate(greenhouseSpec(id)));
  const built = await compile(dir, board(id), files, defines);
  sizes[`${id}${defines.length ? " (sim build)" : ""}`] = built;
  // A large margin: the template program must stay far inside every budget (Blue Pill: 64 KiB / 20 KiB).
  expect(built.flash).toBeLessThan(board(id).flashBytes / 4);
  expect(built.ram).toBeLessThan(board(id).ramBytes / 2);
  return built;
}

function expectProtocol(stdout: string, id: string) {
  const events = records(stdout, "@e");
  expect(events[0]).toEqual({ event: "boot", node: "gh-1", board: id });
  const telemetry = records(stdout, "@t");
  expect(telemetry.length).toBeGreaterThanOrEqual(2);
  telemetry.forEach((t, i) => {
    expect(Object.keys(t)).toEqual(["node", "seq", ...FIELDS]);
    expect(t).toMatchObject({ node: "gh-1", seq: i + 1 });
    expect(t.temperature).toBeGreaterThanOrEqual(20);
    expect(t.temperature).toBeLessThanOrEqual(30);
    expect(t.humidity).toBeGreaterThanOrEqual(40);
    expect(t.humidity).toBeLessThanOrEqual(70);
    // uptime (whole seconds) follows the millisecond tick: never ahead of the sample schedule.
    expect(t.uptime).toBe(Math.floor((i * INTERVAL_MS) / 1000));
  });
  // "temperature > 20" holds from the first sample (the walk stays in 20..30 °C): one alert, the fan on.
  const alert = events.find((e) => e.event === "alert");
  expect(alert).toMatchObject({ node: "gh-1", rule: 0, field: "temperature", then: "fan on" });
  expect(alert!.value).toBe(telemetry[0]!.temperature);
  expect(events).toContainEqual({ event: "actuator", node: "gh-1", actuator: "fan", state: "on", rule: 0 });
  return telemetry;
}

describe("Cortex-M firmware in QEMU", () => {
  it.each([
    ["lm3s6965evb", "lm3s6965evb"],
    ["lm3s811evb", "lm3s811evb"],
    ["netduino-plus-2", "netduinoplus2"],
    ["stm32vldiscovery", "stm32vldiscovery"],
  ])("%s boots on %s, prints the line protocol and exits through semihosting", async (id, machine) => {
    expect(board(id).emulator?.machine).toBe(machine);
    const built = await build(id, ["SWARM_SIM_MAX_SAMPLES=3"]);
    const result = await runQemu("qemu-system-arm", qemuArmArgs(machine, built.elf), 10_000);
    expect(result.killed, `QEMU did not exit by itself:\n${result.stdout}\n${result.stderr}`).toBe(false);
    expect(result.code).toBe(0);
    expect(expectProtocol(result.stdout, id)).toHaveLength(3);
    expect(result.stdout).toContain("sim: sample limit reached");
  });

  it("is the same series on every run (seeded by the node id)", async () => {
    const built = await build("lm3s6965evb", ["SWARM_SIM_MAX_SAMPLES=3"]);
    const runs = await Promise.all(
      [0, 1].map(() => runQemu("qemu-system-arm", qemuArmArgs("lm3s6965evb", built.elf), 10_000)),
    );
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
  });
});

describe("AVR firmware in QEMU", () => {
  it("arduino-uno boots, prints the line protocol and halts after the sample limit", async () => {
    const built = await build("arduino-uno", ["SWARM_SIM_MAX_SAMPLES=3"]);
    const done = (out: string) => out.includes("sim: sample limit reached");
    // No semihosting on AVR: QEMU is killed once the last line arrived (or at the timeout, which fails).
    const result = await runQemu("qemu-system-avr", qemuAvrArgs("arduino-uno", built.elf), 15_000, done);
    expect(done(result.stdout), `no sample limit line before the timeout:\n${result.stdout}\n${result.stderr}`).toBe(
      true,
    );
    expect(expectProtocol(result.stdout, "arduino-uno")).toHaveLength(3);
  });
});

describe("compile only (no QEMU machine)", () => {
  it.each([
    "bluepill-f103c8",
    "blackpill-f411ce",
    "nucleo-f401re",
    "nucleo-l476rg",
    "stm32f4-discovery",
    "rpi-pico",
    "arduino-nano",
    "arduino-mega-2560",
  ])("%s builds warning-free, with and without the sample limit", async (id) => {
    await build(id, ["SWARM_SIM_MAX_SAMPLES=3"]);
    await build(id);
  });

  it("rpi-pico carries a boot2 with the CRC the boot ROM checks", async () => {
    const built = await build("rpi-pico");
    const { stdout } = await promisify(execFile)("arm-none-eabi-objdump", ["-h", built.elf]);
    expect(stdout).toMatch(/\.boot2\s+00000100\s+10000000/);
    expect(stdout).toMatch(/\.isr_vector\s+[0-9a-f]+\s+10000100/);
    const bin = `${built.elf}.bin`;
    await promisify(execFile)("arm-none-eabi-objcopy", ["-O", "binary", built.elf, bin]);
    const image = await readFile(bin);
    expect(image.readUInt32LE(252)).toBe(crc32Mpeg2(image.subarray(0, 252)));
    expect(image.readUInt32LE(256)).toBe(0x2004_2000); // initial SP: end of the 264 KiB SRAM
  });
});

describe("ESP-IDF sources (host compiler against API stubs; ESP-IDF is not installed here)", () => {
  it.each([
    ["esp32-devkitc", {}],
    ["esp32-s3-devkitc-1", {}],
    ["esp32-c3-devkitm-1", {}],
    ["esp8266-nodemcu", RTOS_SDK_STUBS],
  ] as const)("%s main/*.c compile warning-free", async (id, overrides) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `templates-${id}-`));
    dirs.push(dir);
    const files = fillPlaceholders(await generate(greenhouseSpec(id)));
    const sources = await compileEspWithStubs(dir, files, overrides);
    expect(sources).toEqual(["main/main.c", "main/platform.c", "main/fmt.c"]);
  });
});

describe("a bare node (no sensors, no fields, an actuator no rule drives)", () => {
  const spec = () =>
    greenhouseSpec("lm3s6965evb", { sensors: [], telemetry: { intervalMs: 100, fields: [] } }, [
      { when: "gh-7.temperature > 3", then: "fan on" },
    ]);
  const bare = (id: string) => ({ ...spec(), nodes: [{ ...spec().nodes[0]!, board: id }] });

  it.each(["lm3s6965evb", "arduino-uno"])("%s compiles warning-free and prints node and seq only", async (id) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `templates-bare-${id}-`));
    dirs.push(dir);
    const built = await compile(dir, board(id), fillPlaceholders(await generate(bare(id))), [
      "SWARM_SIM_MAX_SAMPLES=2",
    ]);
    if (id !== "lm3s6965evb") return;
    const result = await runQemu("qemu-system-arm", qemuArmArgs("lm3s6965evb", built.elf), 10_000);
    expect(result.code).toBe(0);
    expect(records(result.stdout, "@t")).toEqual([
      { node: "gh-1", seq: 1 },
      { node: "gh-1", seq: 2 },
    ]);
  });

  it("esp32-devkitc compiles warning-free against the API stubs", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "templates-bare-esp-"));
    dirs.push(dir);
    await compileEspWithStubs(dir, fillPlaceholders(await generate(bare("esp32-devkitc"))));
  });
});
