import { evaluateExpectations } from "../../contracts/expectations-evaluate";
import type { NodeSimulation, TimedLine } from "../../contracts/simulate";
import { type RunNodeOptions, runNode } from "./run-node";

/** Lines kept for evaluating expectations; a check run of seconds prints far fewer. */
const MAX_KEPT_LINES = 20_000;

/**
 * The simulate stage for one node: a check run in its emulator, then the node's `expect` items evaluated over the
 * lines it printed. A run that passed but misses an expectation fails with reason "expectations".
 */
export async function simulateNode(options: RunNodeOptions & { expect: readonly string[] }): Promise<NodeSimulation> {
  const lines: TimedLine[] = [];
  const result = await runNode({
    ...options,
    onLine: (line) => {
      if (lines.length < MAX_KEPT_LINES) lines.push(line);
      options.onLine?.(line);
    },
  });
  if (result.status === "unsupported") return { ...result, checks: [] };
  const checks = evaluateExpectations(options.expect, lines);
  const failed = checks.filter((c) => !c.passed).length;
  if (result.status === "passed" && failed > 0) {
    return {
      ...result,
      status: "failed",
      reason: "expectations",
      detail: `${failed} of ${checks.length} expectations failed`,
      checks,
    };
  }
  return { ...result, checks };
}
