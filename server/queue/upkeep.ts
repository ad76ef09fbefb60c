import type { PrismaClient } from "../generated/prisma/client";
import { reapExpiredLeases } from "./lease";
import { failUnservableJobs } from "./unservable";

export interface QueueUpkeep {
  /** Runs one round now (tests use it to avoid waiting for the timer). */
  runOnce(): Promise<void>;
  stop(): void;
}

/**
 * The queue's housekeeping on a timer of the app: expired leases go back to the queue (or fail), and
 * jobs no online worker can serve fail with how to add one. Reads never do this as a side effect.
 * Several app instances may each run it: every update is conditional on the row it read.
 */
export function startQueueUpkeep(prisma: PrismaClient, options: { intervalMs?: number } = {}): QueueUpkeep {
  let running: Promise<void> | null = null;
  const runOnce = () => {
    running ??= (async () => {
      try {
        await reapExpiredLeases(prisma);
        await failUnservableJobs(prisma);
      } catch (error) {
        console.error(`queue upkeep: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(runOnce, options.intervalMs ?? 1_000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
