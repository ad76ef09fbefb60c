import path from "node:path";
import { SANDBOX_WORKDIR } from "../sandbox/bwrap-args";
import { runSandboxed } from "../sandbox/run-sandboxed";
import type { SandboxResult } from "../sandbox/types";
import { checkBudget } from "./budget";
import { formatDiagnostic, parseGccDiagnostics, scrubPaths } from "./diagnostics";
import { readElfMemory } from "./elf-size";
import {
  BIN,
  ELF,
  type GccScript,
  HEX,
  OVERFLOW_ELF,
  buildScript,
  displayCommand,
  measureScript,
  readOutput,
} from "./gcc-script";
import { siblingTool } from "./gcc-flags";
import { checkSourcePolicy } from "./source-policy";
import type { CompileInput, CompileResult, Diagnostic, MemoryUse } from "./types";
import { checkSourcePaths, writeSources } from "./write-sources";

export interface GccRecipe {
  compiler: string;
  objcopy: string;
  flags: string[];
  objcopyFlags: string[];
  defaultStackReserve: number;
}

const COMPILED = /\.(c|S|s)$/;
// ld's ways of saying the image does not fit the linker script's memory regions.
const DOES_NOT_FIT = /will not fit in region|overflowed by \d+ bytes|is not within region/;
// Same as the sandbox's default RLIMIT_FSIZE: objcopy could not have written more.
const MAX_OUTPUT_BYTES = 64 * 1024 ** 2;

type Failure = Extract<CompileResult, { ok: false }>;
const failure = (
  reason: Failure["reason"],
  message: string,
  diagnostics: Diagnostic[],
  log: string,
  memory?: MemoryUse,
): Failure => ({ ok: false, reason, message, diagnostics, log, ...(memory ? { memory } : {}) });

const located = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.line > 0 ? `${d.file}:${d.line}` : d.file}: ${d.message}`).join("\n");

/** Checks, writes and builds the sources with a gcc toolchain; every compiler process runs in the sandbox. */
export async function compileWithGcc(input: CompileInput, recipe: GccRecipe): Promise<CompileResult> {
  const pathProblems = checkSourcePaths(input.files);
  if (pathProblems.length > 0) return failure("compile", located(pathProblems), pathProblems, "");
  const policy = checkSourcePolicy(input.files);
  if (policy.length > 0) return failure("compile", located(policy), policy, "");
  const sources = input.files.map((file) => file.path).filter((file) => COMPILED.test(file));
  if (sources.length === 0) return failure("compile", "no C or assembly sources (.c, .S, .s) in the sources", [], "");

  await writeSources(path.join(input.workDir, "src"), input.files);
  const script: GccScript = { ...recipe, sources: sources.sort() };
  // Most specific first: paths under src/ become the names the generator used.
  const dirs = [`${SANDBOX_WORKDIR}/src`, path.join(input.workDir, "src"), SANDBOX_WORKDIR, input.workDir];
  const run = await sandboxedShell(input, buildScript(script));
  const log = scrubPaths(`${displayCommand(script)}\n${run.stdout}${run.stderr}`, dirs);
  const diagnostics = parseGccDiagnostics(run.stderr, dirs);
  if (run.limitHit) return failure("limits", `The compiler was stopped: ${run.limitHit}`, diagnostics, log);

  const stackReserve = input.stackReserve ?? recipe.defaultStackReserve;
  if (run.exitCode !== 0) {
    if (DOES_NOT_FIT.test(run.stderr)) return overflowFailure(input, script, stackReserve, diagnostics, log);
    return failure("compile", compileSummary(diagnostics, run, dirs), diagnostics, log);
  }

  const [elf, bin, hex] = await Promise.all(
    [ELF, BIN, HEX].map((name) => readOutput(input.workDir, name, MAX_OUTPUT_BYTES)),
  );
  if (!elf || !bin || !hex) {
    return failure("compile", `the build finished but did not write ${ELF}, ${BIN} and ${HEX}`, diagnostics, log);
  }
  const budget = checkBudget(readElfMemory(elf), input.board, stackReserve);
  if (budget.failure) return failure("memory", budget.failure, diagnostics, log, budget.memory);
  return {
    ok: true,
    output: { elf, bin, hex: new TextDecoder().decode(hex) },
    memory: budget.memory,
    diagnostics,
    log,
  };
}

function sandboxedShell(input: CompileInput, script: string): Promise<SandboxResult> {
  const { compiler } = input.board.toolchain;
  return runSandboxed({
    command: "sh",
    args: ["-c", script],
    workDir: input.workDir,
    // The compiler with its libexec, binutils and C library; objcopy sits beside it.
    tools: [compiler, siblingTool(compiler, "objcopy")],
    signal: input.signal,
  });
}

/** ld refused the image: measure it anyway so the feedback has real figures ("flash 307,716 / 262,144 bytes ..."). */
async function overflowFailure(
  input: CompileInput,
  script: GccScript,
  stackReserve: number,
  diagnostics: Diagnostic[],
  log: string,
): Promise<CompileResult> {
  const ldSays = diagnostics.filter((d) => d.severity === "error" && DOES_NOT_FIT.test(d.message));
  const fallback = ldSays.map((d) => d.message).join("; ") || "the image does not fit the board's memory";
  const measure = await sandboxedShell(input, measureScript(script));
  const elf = measure.exitCode === 0 ? await readOutput(input.workDir, OVERFLOW_ELF, MAX_OUTPUT_BYTES) : null;
  if (!elf) return failure("memory", fallback, diagnostics, log);
  const budget = checkBudget(readElfMemory(elf), input.board, stackReserve);
  // The linker script's regions can be smaller than the board's budget; then ld's own words are the explanation.
  return failure("memory", budget.failure ?? fallback, diagnostics, log, budget.memory);
}

function compileSummary(diagnostics: Diagnostic[], run: SandboxResult, dirs: string[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
    return `${formatDiagnostic(errors[0])}${more}`;
  }
  const lastLine = scrubPaths(run.stderr, dirs).trim().split("\n").pop();
  return lastLine || `the compiler exited with status ${run.exitCode ?? run.signal}`;
}
