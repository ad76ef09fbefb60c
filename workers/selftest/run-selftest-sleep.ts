import type { JobContext } from "../queue-client/job-context";

/**
 * Queue self-test kind used by integration tests and bench/queue: sleeps `ms`, reporting which
 * worker ran which attempt, so tests can count executions. Registered only when WORKER_SELFTEST=1.
 */
export async function runSelftestSleep(ctx: JobContext<"selftest.sleep">) {
  const { ms } = ctx.payload;
  ctx.emit("run", { pid: process.pid, attempt: ctx.job.attempt });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    ctx.signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("selftest sleep aborted"));
    });
  });
  return { pid: process.pid, sleptMs: ms };
}
