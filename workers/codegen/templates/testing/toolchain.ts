/**
 * Test-only helpers: compile generated firmware with the real cross compilers and boot it in QEMU,
 * straight through child_process (production builds go through workers/toolchains and the sandbox).
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { Board } from "../../../../boards/schema";
import type { FirmwareFile } from "../../types";
import { IDF5_STUBS } from "./esp-stubs";

const run = promisify(execFile);

export interface Built {
  elf: string;
  /** text + data, what the image takes in flash. */
  flash: number;
  /** data + bss, statically allocated RAM. */
  ram: number;
}

export async function writeFiles(dir: string, files: FirmwareFile[]): Promise<void> {
  for (const f of files) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content);
  }
}

/** Compiles every .c file with the board's flags plus the build's, warnings as errors. */
export async function compile(
  dir: string,
  board: Board,
  files: FirmwareFile[],
  defines: string[] = [],
): Promise<Built> {
  await writeFiles(dir, files);
  const sources = files.filter((f) => f.path.endsWith(".c")).map((f) => f.path);
  const { cflags, ldflags, compiler } = board.toolchain;
  const arm = board.toolchain.capability === "arm-gcc";
  const common = ["-Os", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra", "-Werror", "-I."];
  const args = [
    ...cflags,
    ...common,
    arm ? "-std=c11" : "-std=gnu11",
    ...defines.map((d) => `-D${d}`),
    ...sources,
    ...(arm ? ["-T", "link.ld"] : []),
    ...ldflags,
    "-Wl,--gc-sections",
    "-o",
    "fw.elf",
  ];
  try {
    await run(compiler, args, { cwd: dir });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${compiler} failed for ${board.id}:\n${err.stderr ?? err.message}`);
  }
  const sizeTool = compiler.replace(/gcc$/, "size");
  const { stdout } = await run(sizeTool, ["fw.elf"], { cwd: dir });
  const [text, data, bss] = stdout.split("\n")[1]!.trim().split(/\s+/).map(Number);
  return { elf: path.join(dir, "fw.elf"), flash: text! + data!, ram: data! + bss! };
}

export interface QemuRun {
  stdout: string;
  stderr: string;
  code: number | null;
  /** Ended by the timeout (or by `until`) rather than by QEMU itself. */
  killed: boolean;
}

/** Text typed into QEMU's stdin (the console UART) once `when(stdout)` first holds. */
export interface QemuInput {
  when: (out: string) => boolean;
  text: string;
}

/** Runs QEMU until it exits, `until(stdout)` holds, or the timeout passes; always kills it. */
export function runQemu(
  binary: string,
  args: string[],
  timeoutMs: number,
  until?: (out: string) => boolean,
  input?: QemuInput,
): Promise<QemuRun> {
  return new Promise((resolve, reject) => {
    // stdin stays open (an idle terminal) even when nothing is typed.
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.on("error", () => {}); // EPIPE when QEMU exits before reading what was typed: not a failure
    let typed = false;
    let stdout = "";
    let stderr = "";
    let killed = false;
    const stop = () => {
      if (child.exitCode === null && !killed) {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    const timer = setTimeout(stop, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (input && !typed && input.when(stdout)) {
        typed = true;
        child.stdin.write(input.text);
      }
      if (until?.(stdout)) stop();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, killed });
    });
  });
}

/**
 * QEMU flags for a Cortex-M machine: UART and semihosting on one stdio (stdin feeds the UART).
 * "fast": deterministic virtual time that skips idle waits; "realtime": idle waits last as long as
 * on the board, so input typed during a run arrives between samples as it would from the simulator.
 */
export function qemuArmArgs(machine: string, elf: string, time: "fast" | "realtime" = "fast"): string[] {
  return [
    ...["-M", machine, "-display", "none", "-monitor", "none"],
    ...["-chardev", "stdio,mux=on,id=c0", "-serial", "chardev:c0"],
    ...["-semihosting-config", "enable=on,target=native,chardev=c0"],
    ...(time === "fast" ? ["-icount", "shift=0,sleep=off"] : []),
    ...["-kernel", elf],
  ];
}

export function qemuAvrArgs(machine: string, elf: string): string[] {
  return ["-M", machine, "-bios", elf, "-display", "none", "-monitor", "none", "-serial", "stdio"];
}

/** Console lines of a line-protocol kind ("@t" or "@e"), parsed. */
export function records(stdout: string, kind: "@t" | "@e"): Array<Record<string, unknown>> {
  return stdout
    .split(/\r?\n/)
    .filter((l) => l.startsWith(`${kind} `))
    .map((l) => JSON.parse(l.slice(3)) as Record<string, unknown>);
}

/**
 * Compiles an ESP project's main/*.c with the host C compiler against the API stubs (warnings are
 * errors): a shape check of the generated C, not an ESP-IDF build. Returns the sources compiled.
 */
export async function compileEspWithStubs(
  dir: string,
  files: FirmwareFile[],
  overrides: Readonly<Record<string, string>> = {},
): Promise<string[]> {
  const stubs = Object.entries({ ...IDF5_STUBS, ...overrides }).map(([p, content]) => ({
    path: `stubs/${p}`,
    content,
  }));
  await writeFiles(dir, [...files, ...stubs]);
  const sources = files.filter((f) => /^main\/.*\.c$/.test(f.path)).map((f) => f.path);
  const flags = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-include", "stubs/bsd.h", "-Istubs", "-Imain", "-c"];
  for (const source of sources) {
    try {
      await run("cc", [...flags, source, "-o", path.join(dir, `${path.basename(source)}.o`)], { cwd: dir });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`cc failed for ${source}:\n${err.stderr ?? err.message}`);
    }
  }
  return sources;
}
