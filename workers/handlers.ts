import { generatorFor } from "./codegen";
import { buildNode } from "./build/build-node";
import { runDiagnostics } from "./diagnostics/run-diagnostics";
import type { JobHandlers } from "./queue-client/job-context";
import { runSelftestSleep } from "./selftest/run-selftest-sleep";
import { toolchainFor } from "./toolchains";

/** The stage each job kind runs on this worker; kinds and their shapes come from contracts/jobs. */
export function jobHandlers(env: NodeJS.ProcessEnv = process.env): JobHandlers {
  return {
    diagnostics: runDiagnostics,
    "build-node": (ctx) => buildNode(ctx, { generatorFor: (choice) => generatorFor(choice, env), toolchainFor }),
    ...(env.WORKER_SELFTEST === "1" ? { "selftest.sleep": runSelftestSleep } : {}),
  };
}
