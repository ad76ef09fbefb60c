import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import arduinoUno from "../../boards/arduino-uno";
import lm3s6965evb from "../../boards/lm3s6965evb";
import type { FirmwareFile } from "../codegen/types";
import { ArmGccToolchain } from "./arm-gcc";
import { AvrGccToolchain } from "./avr-gcc";
import { armFirmware, cortexM3LinkerScript } from "./test-fixtures";
import type { CompileResult } from "./types";

// Generated code is untrusted: every way of pulling a host file into the build must fail, and no part of the
// file may come back in the message, the log or a diagnostic (that is how #include "/etc/passwd" leaks).
const passwd = readFileSync("/etc/passwd", "utf8");
const hostname = readFileSync("/etc/hostname", "utf8").trim();
// Lines such as PRETTY_NAME="Debian GNU/Linux 12 (bookworm)": none may reach an image, a log or a diagnostic.
const osRelease = readFileSync("/usr/lib/os-release", "utf8")
  .split("\n")
  .filter((line) => line.length >= 12);
const secrets = [
  ...passwd.split("\n").filter((line) => line.length >= 12),
  // A very short host name ("vm") could occur in any log by chance; the ENOENT assertions cover that case.
  ...(hostname.length >= 6 ? [hostname] : []),
];

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const workDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "attack-test-"));
  dirs.push(dir);
  return dir;
};

const arm = new ArmGccToolchain();
const avr = new AvrGccToolchain();
const buildArm = async (files: FirmwareFile[]) => arm.compile({ board: lm3s6965evb, files, workDir: await workDir() });

function expectNoLeak(result: CompileResult): asserts result is Extract<CompileResult, { ok: false }> {
  expect(result.ok).toBe(false);
  const visible = JSON.stringify(result.ok ? result : { ...result, memory: undefined });
  for (const secret of secrets) expect(visible).not.toContain(secret);
  expect(visible).not.toContain("root:x:0:0");
}

describe("the pre-check refuses sources that reach for host files", () => {
  it.each([
    [
      "#include of /etc/passwd",
      "main.c",
      '#include "/etc/passwd"\nint main(void) { return 0; }\n',
      "main.c:1: #include of an absolute path is not allowed",
    ],
    [
      "#include climbing out with ..",
      "main.c",
      '#include "../../../../etc/hostname"\nint main(void) { return 0; }\n',
      'main.c:1: #include of a path containing ".." is not allowed',
    ],
    [
      ".incbin in an assembly file",
      "blob.S",
      '.section .rodata\n.incbin "/etc/hostname"\n',
      "blob.S:2: .incbin is not allowed: it embeds a file into the image",
    ],
    [
      ".incbin spelled by string concatenation in C inline assembly",
      "main.c",
      'int main(void) {\n  __asm__(".inc"\n          "bin \\"/usr/lib/os-release\\"");\n  return 0;\n}\n',
      "main.c:2: .incbin is not allowed: it embeds a file into the image (split across string literals)",
    ],
    [
      ".incbin in C inline assembly",
      "main.c",
      'int main(void) {\n  __asm__(".incbin \\"/etc/hostname\\"");\n  return 0;\n}\n',
      "main.c:2: .incbin is not allowed: it embeds a file into the image",
    ],
  ])("%s", async (_label, file, content, message) => {
    const files = armFirmware().filter((f) => f.path !== file);
    const result = await buildArm([...files, { path: file, content }]);
    expectNoLeak(result);
    expect(result).toMatchObject({ reason: "compile", message, log: "" });
  });

  it("INCLUDE /etc/passwd in the linker script", async () => {
    const files = armFirmware().filter((f) => f.path !== "link.ld");
    const result = await buildArm([
      ...files,
      { path: "link.ld", content: `INCLUDE /etc/passwd\n${cortexM3LinkerScript}` },
    ]);
    expectNoLeak(result);
    expect(result.message).toBe("link.ld:1: INCLUDE of an absolute path is not allowed");
  });
});

describe("what slips past the pre-check meets the sandbox, where the host files do not exist", () => {
  it("a macro-built include path", async () => {
    const main = "#define P(x) #x\n#include P(/etc/hostname)\nint main(void) { return 0; }\n";
    const result = await buildArm(armFirmware([], main));
    expectNoLeak(result);
    expect(result.reason).toBe("compile");
    expect(result.diagnostics[0]).toMatchObject({
      file: "main.c",
      line: 2,
      severity: "error",
      message: "/etc/hostname: No such file or directory",
    });
  });

  it("an .incbin of /usr/lib/os-release (a file under /usr) spelled through a macro and literal concatenation", async () => {
    // The sandbox binds only the toolchain's own files, not the whole of /usr: the file is not there to embed.
    const main =
      '#define INC ".inc"\nint main(void) {\n  __asm__(INC "bin \\"/usr/lib/os-release\\"");\n  return 0;\n}\n';
    const result = await buildArm(armFirmware([], main));
    expectNoLeak(result);
    for (const line of osRelease) expect(JSON.stringify(result)).not.toContain(line);
    expect(result.reason).toBe("compile");
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ message: "file not found: /usr/lib/os-release" }),
    );
  });

  it("an .incbin pasted together by a macro in a .S file, on AVR too", async () => {
    const blob = '#define CAT(a, b) a##b\n.section .progmem.data\n.CAT(inc, bin) "/etc/hostname"\n';
    const main = "int main(void) { return 0; }\n";
    const result = await avr.compile({
      board: arduinoUno,
      files: [
        { path: "main.c", content: main },
        { path: "blob.S", content: blob },
      ],
      workDir: await workDir(),
    });
    expectNoLeak(result);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: "blob.S", line: 3, message: "file not found: /etc/hostname" }),
    );
  });
});
