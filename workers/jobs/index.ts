import { runDiagnostics } from "../pipelines/diagnostics/run-diagnostics";
import { runSelftestSleep } from "./selftest";
import type { JobHandler } from "./types";

export function jobHandlers(env: NodeJS.ProcessEnv = process.env): Record<string, JobHandler> {
  return {
    diagnostics: runDiagnostics,
    ...(env.WORKER_SELFTEST === "1" ? { "selftest.sleep": runSelftestSleep } : {}),
  };
}
