import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import arduinoUno from "../../boards/arduino-uno";
import lm3s6965evb from "../../boards/lm3s6965evb";
import type { FirmwareFile } from "../codegen/types";
import { toolchainFor } from "./index";
import { armFirmware, avrMain, avrTooBig, cortexM3TooBig } from "./test-fixtures";
import type { CompileResult } from "./types";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const workDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "compile-test-"));
  dirs.push(dir);
  return dir;
};

const arm = toolchainFor(lm3s6965evb)!;
const avr = toolchainFor(arduinoUno)!;
const buildArm = async (files: FirmwareFile[]) => arm.compile({ board: lm3s6965evb, files, workDir: await workDir() });
const buildAvr = async (files: FirmwareFile[]) => avr.compile({ board: arduinoUno, files, workDir: await workDir() });

/** What binutils' size says about an ELF: flash = text + data, RAM = data + bss. */
async function sizeOf(tool: string, elf: Uint8Array) {
  const file = path.join(await workDir(), "measured.elf");
  await writeFile(file, elf);
  const [text, data, bss] = execFileSync(tool, [file], { encoding: "utf8" }).split("\n")[1].trim().split(/\s+/);
  return { flash: Number(text) + Number(data), ram: Number(data) + Number(bss) };
}

function expectOk(result: CompileResult): asserts result is Extract<CompileResult, { ok: true }> {
  expect(result.ok, result.ok ? "" : `${result.reason}: ${result.message}\n${result.log}`).toBe(true);
}

describe("ArmGccToolchain", () => {
  it("builds the Cortex-M3 fixture into ELF, BIN and HEX with sizes that match arm-none-eabi-size", async () => {
    const result = await buildArm(armFirmware());
    expectOk(result);
    expect(result.output.bin.length).toBe(result.memory.flash);
    expect(result.output.hex.startsWith(":")).toBe(true);
    expect(result.memory).toMatchObject({ flashBudget: 262_144, ramBudget: 65_536, stackReserve: 1024 });
    expect({ flash: result.memory.flash, ram: result.memory.ram }).toEqual(
      await sizeOf("arm-none-eabi-size", result.output.elf),
    );
    expect(result.log).toContain("$ arm-none-eabi-gcc -mcpu=cortex-m3");
    expect(result.log).not.toContain(os.tmpdir());
  });

  it("fails with reason memory and the figures when 300 KiB of constants meet 256 KiB of flash", async () => {
    const result = await buildArm(armFirmware([], cortexM3TooBig));
    expect(result).toMatchObject({ ok: false, reason: "memory" });
    if (result.ok) return;
    expect(result.message).toMatch(/^flash 30\d,\d{3} \/ 262,144 bytes \(overflow by 4\d,\d{3}\)$/);
    expect(result.memory?.flash).toBeGreaterThan(300 * 1024);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      "firmware.elf section `.text' will not fit in region `FLASH'",
    );
  });

  it("needs the sources' own linker script", async () => {
    const result = await buildArm(armFirmware().filter((file) => file.path !== "link.ld"));
    expect(result).toMatchObject({ ok: false, reason: "compile", message: "no linker script link.ld in the sources" });
  });

  it("reports compiler and linker errors as diagnostics with the generator's file names", async () => {
    const result = await buildArm(
      armFirmware([], "int missing(void);\nint main(void) {\n  return missing() + undeclared;\n}\n"),
    );
    expect(result).toMatchObject({ ok: false, reason: "compile" });
    if (result.ok) return;
    expect(result.message).toBe("main.c:3:22: error: 'undeclared' undeclared (first use in this function)");
    expect(result.diagnostics[0]).toMatchObject({ file: "main.c", line: 3, column: 22, severity: "error" });

    const link = await buildArm(armFirmware([], "int missing(void);\nint main(void) {\n  return missing();\n}\n"));
    if (link.ok) throw new Error("expected a link failure");
    expect(link.diagnostics).toContainEqual({
      file: "main.c",
      line: 3,
      column: null,
      severity: "error",
      message: "undefined reference to `missing'",
    });
  });

  it("refuses unsafe file paths before writing anything, naming the path", async () => {
    const result = await buildArm(armFirmware([{ path: "../escape.c", content: "int x;" }]));
    expect(result).toMatchObject({ ok: false, reason: "compile" });
    if (!result.ok) expect(result.message).toContain('source path "../escape.c" is not allowed');
  });

  it("reports the compiler version", async () => {
    expect(await arm.version()).toMatch(/^arm-none-eabi-gcc .*12\.2/);
  });
});

describe("AvrGccToolchain", () => {
  it("builds for the Uno with sizes that match avr-size", async () => {
    const result = await buildAvr([{ path: "main.c", content: avrMain }]);
    expectOk(result);
    expect(result.memory).toMatchObject({ flashBudget: 32_256, ramBudget: 2_048, stackReserve: 256 });
    expect({ flash: result.memory.flash, ram: result.memory.ram }).toEqual(await sizeOf("avr-size", result.output.elf));
    expect(result.output.bin.length).toBe(result.memory.flash);
    expect(result.output.hex.trimEnd().endsWith(":00000001FF")).toBe(true);
  });

  it("fails with reason memory for 40 KiB of flash on a 32 KiB part", async () => {
    const result = await buildAvr([{ path: "main.c", content: avrTooBig }]);
    expect(result).toMatchObject({ ok: false, reason: "memory" });
    if (!result.ok) expect(result.message).toMatch(/^flash 41,\d{3} \/ 32,256 bytes \(overflow by 8,\d{3}\)$/);
  });

  it("counts the stack reserve when static RAM is nearly full", async () => {
    const source =
      "unsigned char big[1900];\nvolatile unsigned char i;\nint main(void) { big[i] = 1; return big[i + 1]; }\n";
    const result = await buildAvr([{ path: "main.c", content: source }]);
    expect(result).toMatchObject({ ok: false, reason: "memory" });
    if (!result.ok)
      expect(result.message).toMatch(/^RAM 1,90\d \+ 256 stack reserve \/ 2,048 bytes \(overflow by 1\d\d\)$/);
  });

  it("measures static RAM that ld itself refuses", async () => {
    const source =
      "unsigned char big[2100];\nvolatile unsigned char i;\nint main(void) { big[i] = 1; return big[i + 1]; }\n";
    const result = await buildAvr([{ path: "main.c", content: source }]);
    expect(result).toMatchObject({ ok: false, reason: "memory" });
    if (!result.ok) expect(result.message).toMatch(/^RAM 2,10\d \+ 256 stack reserve \/ 2,048 bytes/);
  });

  it("reports the compiler version", async () => {
    expect(await avr.version()).toMatch(/^avr-gcc .*5\.4\.0/);
  });
});
