import { generatorFor } from "../codegen";
import { buildNode } from "../pipelines/build/build-node";
import { runDiagnostics } from "../pipelines/diagnostics/run-diagnostics";
import { toolchainFor } from "../toolchains";
import { runSelftestSleep } from "./selftest";
import type { JobHandler } from "./types";

export function jobHandlers(env: NodeJS.ProcessEnv = process.env): Record<string, JobHandler> {
  return {
    diagnostics: runDiagnostics,
    "build-node": (ctx) => buildNode(ctx, { generatorFor: (choice) => generatorFor(choice, env), toolchainFor }),
    ...(env.WORKER_SELFTEST === "1" ? { "selftest.sleep": runSelftestSleep } : {}),
  };
}
