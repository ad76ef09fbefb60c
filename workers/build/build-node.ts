import { getBoard } from "../../boards";
import type { BuildFeedback, FirmwareFile, FirmwareGenerator, TokenUsage } from "../codegen/types";
import type { JobEventOf } from "../../contracts/jobs";
import type { CheckResult, NodeSimulation } from "../../contracts/simulate";
import type { SpecNode } from "../../contracts/spec/schema";
import type { JobContext } from "../queue-client/job-context";
import type { Toolchain } from "../toolchains/types";
import { GeneratorOutputError } from "../codegen/anthropic/errors";
import { compileStep } from "./compile-step";
import { createRedactor, injectConfig, type ConfigValues } from "./inject-config";
import type { BuildNodePayload, NodeBuildResult } from "../../contracts/jobs/build-node";

type StepData = Extract<JobEventOf<"build-node">, { type: "step" }>["data"];
type StepFn = (
  name: StepData["step"],
  status: StepData["status"],
  extra: Record<string, unknown> & { iteration: number },
) => void;

export interface BuildDeps {
  generatorFor(choice: BuildNodePayload["generator"]): FirmwareGenerator;
  toolchainFor(board: NonNullable<ReturnType<typeof getBoard>>): Toolchain | null;
  /**
   * Runs the built image in the board's emulator (a check run) and evaluates the node's expectations;
   * null when this worker cannot emulate the board. Absent: no check runs.
   */
  checkRun?: CheckRun;
}

export type CheckRun = (input: {
  board: NonNullable<ReturnType<typeof getBoard>>;
  image: Uint8Array;
  expect: readonly string[];
  /** The node's telemetry interval: the run lasts long enough to see a few records. */
  intervalMs: number;
  signal: AbortSignal;
}) => Promise<NodeSimulation | null>;

const sameFiles = (a: FirmwareFile[], b: FirmwareFile[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Builds one node: generate (or take the pinned source), inject config, compile in the sandbox,
 * check the budget; a failure is fed back to the generator for the next iteration.
 */
export async function buildNode(ctx: JobContext<"build-node">, deps: BuildDeps): Promise<NodeBuildResult> {
  const { payload } = ctx;
  const node = payload.spec.nodes.find((candidate) => candidate.id === payload.nodeId);
  if (!node) throw new Error(`Node ${payload.nodeId} is not in the spec this build was started from.`);
  const board = getBoard(node.board);
  if (!board) throw new Error(`Node ${node.id}: unknown board "${node.board}".`);
  const toolchain = deps.toolchainFor(board);
  if (!toolchain) throw new Error(`This worker has no toolchain for ${board.name} (${board.toolchain.capability}).`);

  const config = await ctx.api.config(ctx.job.id);
  const redact = createRedactor(config.values as ConfigValues);
  const step = (
    name: StepData["step"],
    status: StepData["status"],
    extra: Record<string, unknown> & { iteration: number },
  ) => ctx.emit("step", { step: name, status, ...extra }, node.id);
  const log = (line: string) => ctx.log(redact(line), node.id);

  const generator = deps.generatorFor(payload.generator);
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 };
  const maxIterations = payload.pinnedFiles ? 1 : Math.max(1, payload.maxIterations);
  let feedback: BuildFeedback | undefined;
  let lastError = "";

  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    if (ctx.signal.aborted) throw new Error("Build cancelled.");
    let files: FirmwareFile[];
    let generatorName = "pinned";
    if (payload.pinnedFiles) {
      files = payload.pinnedFiles;
      step("generate", "skipped", { iteration, reason: "pinned source" });
    } else {
      step("generate", "started", { iteration, generator: generator.name });
      const started = performance.now();
      const generated = await generator
        .generate({ spec: payload.spec, node, board, iteration, feedback, signal: ctx.signal, onProgress: log })
        .catch((error: Error) => {
          // An unusable answer is a failed iteration the generator gets told about; anything else ends the build.
          if (!(error instanceof GeneratorOutputError)) throw error;
          return error;
        });
      if (generated instanceof GeneratorOutputError) {
        lastError = generated.message;
        step("generate", "failed", { iteration, error: lastError });
        feedback = {
          previousFiles: feedback?.previousFiles ?? [],
          diagnostics: `Your previous answer was unusable: ${lastError}`,
        };
        continue;
      }
      files = generated.files;
      generatorName = generated.generator;
      for (const key of Object.keys(usage) as (keyof TokenUsage)[]) usage[key] += generated.usage?.[key] ?? 0;
      if (generated.usage) ctx.emit("usage", generated.usage, node.id);
      await ctx.api.saveFirmware(ctx.job.id, files, generatorName);
      step("generate", "succeeded", {
        iteration,
        files: files.map((f) => f.path),
        durationMs: Math.round(performance.now() - started),
      });
      if (feedback && sameFiles(files, feedback.previousFiles)) {
        throw new Error(`${generatorName} produced the same source again; last error: ${lastError}`);
      }
    }

    const injected = injectConfig(files, config.values as ConfigValues, config.hints);
    step("compile", "started", { iteration, toolchain: board.toolchain.compiler });
    const started = performance.now();
    const result = await compileStep({
      api: ctx.api,
      jobId: ctx.job.id,
      nodeId: node.id,
      board,
      toolchain,
      files: injected,
      stackReserve: payload.stackReserve,
      signal: ctx.signal,
    });
    const durationMs = Math.round(performance.now() - started);

    if (result.ok) {
      step("compile", "succeeded", { iteration, durationMs, cacheHit: result.cacheHit });
      ctx.emit("memory", result.memory, node.id);
      step("size", "succeeded", { iteration, flash: result.memory.flash, ram: result.memory.ram });
      const tested = await testStep({ ctx, deps, board, node, iteration, artifacts: result, step });
      if (tested.failure) {
        // Failed checks go back to the generator as test failures, so it fixes behaviour, not just syntax.
        lastError = tested.failure;
        feedback = { previousFiles: files, diagnostics: tested.failure };
        continue;
      }
      return {
        nodeId: node.id,
        iterations: iteration,
        cacheHit: result.cacheHit,
        memory: result.memory,
        generator: generatorName,
        artifacts: result.artifacts.map(({ kind, name, sha256, size }) => ({ kind, name, sha256, size })),
        usage: generator.name === "anthropic" && !payload.pinnedFiles ? usage : null,
        ...(tested.checks ? { checks: tested.checks } : {}),
      };
    }

    const failure = result.failure;
    lastError = redact(failure.message);
    const failedStep = failure.reason === "memory" ? "size" : "compile";
    if (failure.memory) ctx.emit("memory", failure.memory, node.id);
    ctx.emit(
      "diagnostics",
      { iteration, diagnostics: failure.diagnostics.map((d) => ({ ...d, message: redact(d.message) })) },
      node.id,
    );
    if (failedStep === "size") step("compile", "succeeded", { iteration, durationMs });
    step(failedStep, "failed", { iteration, durationMs, error: lastError });
    feedback = {
      previousFiles: files,
      diagnostics: redact(failure.log),
      memory: failure.reason === "memory" ? lastError : undefined,
    };
  }
  const attempts = maxIterations === 1 ? "" : ` after ${maxIterations} iterations`;
  throw new Error(`Build of ${node.id} failed${attempts}: ${lastError}`);
}

/** The check run after a successful compile: skipped without expectations or an emulator on this worker. */
async function testStep(input: {
  ctx: JobContext<"build-node">;
  deps: BuildDeps;
  board: NonNullable<ReturnType<typeof getBoard>>;
  node: SpecNode;
  iteration: number;
  artifacts: { elf?: Uint8Array; artifacts: { kind: string; sha256: string }[] };
  step: StepFn;
}): Promise<{ failure?: string; checks?: CheckResult[] }> {
  const { ctx, deps, board, node, iteration, step } = input;
  if (node.expect.length === 0 || !deps.checkRun) {
    step("test", "skipped", { iteration, reason: node.expect.length === 0 ? "no expectations" : "no emulator here" });
    return {};
  }
  step("test", "started", { iteration });
  const started = performance.now();
  const elf = input.artifacts.artifacts.find((artifact) => artifact.kind === "elf");
  const image = input.artifacts.elf ?? (elf ? await ctx.api.image(ctx.job.id, elf.sha256) : null);
  const run = image
    ? await deps.checkRun({
        board,
        image,
        expect: node.expect,
        intervalMs: node.telemetry.intervalMs,
        signal: ctx.signal,
      })
    : null;
  const durationMs = Math.round(performance.now() - started);
  if (!run || run.status === "unsupported") {
    step("test", "skipped", { iteration, durationMs, reason: run?.reason ?? "no emulator here" });
    return {};
  }
  if (run.status === "passed") {
    step("test", "succeeded", { iteration, durationMs, checks: run.checks });
    return { checks: run.checks };
  }
  const failed = run.checks.filter((check) => !check.passed);
  const why =
    run.reason === "expectations"
      ? failed.map((check) => `expected "${check.item}": ${check.evidence}`).join("; ")
      : `the firmware ${run.reason ?? "failed"}${run.detail ? ` (${run.detail})` : ""} in the emulator`;
  const failure = `Tests in the emulator failed: ${why}. Console tail:\n${run.console.slice(-1500)}`;
  step("test", "failed", { iteration, durationMs, error: `tests failed: ${why}`, checks: run.checks });
  return { failure, checks: run.checks };
}
