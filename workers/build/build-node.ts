import { getBoard } from "../../boards";
import type { BuildFeedback, FirmwareFile, FirmwareGenerator, TokenUsage } from "../codegen/types";
import type { JobEventOf } from "../../contracts/jobs";
import type { JobContext } from "../queue-client/job-context";
import type { Toolchain } from "../toolchains/types";
import { GeneratorOutputError } from "../codegen/anthropic/errors";
import { compileStep } from "./compile-step";
import { createRedactor, injectConfig, type ConfigValues } from "./inject-config";
import type { BuildNodePayload, NodeBuildResult } from "../../contracts/jobs/build-node";

export interface BuildDeps {
  generatorFor(choice: BuildNodePayload["generator"]): FirmwareGenerator;
  toolchainFor(board: NonNullable<ReturnType<typeof getBoard>>): Toolchain | null;
}

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
  type StepData = Extract<JobEventOf<"build-node">, { type: "step" }>["data"];
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
      return {
        nodeId: node.id,
        iterations: iteration,
        cacheHit: result.cacheHit,
        memory: result.memory,
        generator: generatorName,
        artifacts: result.artifacts.map(({ kind, name, sha256, size }) => ({ kind, name, sha256, size })),
        usage: generator.name === "anthropic" && !payload.pinnedFiles ? usage : null,
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
