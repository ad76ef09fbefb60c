import { generatorFor } from "./codegen";
import { buildNode, type CheckRun } from "./build/build-node";
import { configuredDeployTargets, deployDataDir } from "./deploy/deploy-targets";
import { createDeployJobHandler } from "./deploy/handle-deploy-job";
import { simulateNode } from "./simulate/simulate-node";
import { runDiagnostics } from "./diagnostics/run-diagnostics";
import type { JobHandlers } from "./queue-client/job-context";
import { runSelftestSleep } from "./selftest/run-selftest-sleep";
import { simulateSwarm } from "./simulate/swarm-stage";
import { toolchainFor } from "./toolchains";

/** Firmware time a check run lasts: three telemetry intervals and a second, at least 5 s, at most a minute. */
const checkRunMs = (intervalMs: number) => Math.min(60_000, Math.max(5_000, 3 * intervalMs + 1_000));

/**
 * The check run of the build loop, on this worker's emulators: null (skipped) for a board whose
 * emulator this worker does not have.
 */
function checkRunWith(capabilities: ReadonlySet<string>): CheckRun {
  return async ({ board, image, expect, signal, intervalMs }) => {
    const needs = board.emulator?.capability;
    if (needs && !capabilities.has(needs)) return null;
    return simulateNode({ board, image, mode: "check", durationMs: checkRunMs(intervalMs), signal, expect });
  };
}

/** The stage each job kind runs on this worker; kinds and their shapes come from contracts/jobs. */
export function jobHandlers(env: NodeJS.ProcessEnv = process.env, capabilities: readonly string[] = []): JobHandlers {
  const checkRun = checkRunWith(new Set(capabilities));
  return {
    diagnostics: runDiagnostics,
    "simulate-swarm": simulateSwarm,
    "build-node": (ctx) =>
      buildNode(ctx, { generatorFor: (choice) => generatorFor(choice, env), toolchainFor, checkRun }),
    deploy: createDeployJobHandler({ dataDir: deployDataDir(env), targets: configuredDeployTargets(env) }),
    ...(env.WORKER_SELFTEST === "1" ? { "selftest.sleep": runSelftestSleep } : {}),
  };
}
