/**
 * The job state table in state.ts, checked against what the SQL really does: every queue operation
 * runs on a real database, each status change it makes is recorded, and the recorded set must equal
 * the table. A new SQL path that moves a job some other way fails here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../db/connect";
import { cancelJob } from "./cancel";
import { claimJob } from "./claim";
import { enqueueJob } from "./enqueue";
import { completeJob, releaseJob } from "./finish";
import { reapExpiredLeases } from "./lease";
import { canTransition, jobStatuses, type JobStatus } from "./state";
import { failUnservableJobs } from "./unservable";

let db: Database;
let dir: string;
const seen = new Set<string>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-transitions-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const status = async (id: string) => (await db.prisma.job.findUniqueOrThrow({ where: { id } })).status as JobStatus;

/** Runs one queue operation and records the status change it made to the job. */
async function step(id: string, operation: () => Promise<unknown>): Promise<JobStatus> {
  const before = await status(id);
  await operation();
  const after = await status(id);
  if (after !== before) seen.add(`${before}->${after}`);
  return after;
}

async function job(requires: string[] = [], maxAttempts = 3) {
  const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 }, maxAttempts });
  await db.prisma.job.update({ where: { id: jobId }, data: { requires } });
  return jobId;
}
const claim = () =>
  claimJob(db.prisma, { workerId: "w", kinds: ["selftest.sleep"], capabilities: [], leaseMs: 30_000 });
const expireLease = (id: string) =>
  db.prisma.job.update({ where: { id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
const runnableNow = (id: string) => db.prisma.job.update({ where: { id }, data: { runAfter: new Date(0) } });

describe("job transitions made by the queue's SQL", () => {
  it("claims, completes, fails, cancels, releases, retries and reaps exactly as the state table says", async () => {
    const done = await job();
    expect(await step(done, claim)).toBe("active");
    expect(await step(done, () => completeJob(db.prisma, { jobId: done, workerId: "w", status: "succeeded" }))).toBe(
      "succeeded",
    );

    const broken = await job();
    await step(broken, claim);
    expect(
      await step(broken, () => completeJob(db.prisma, { jobId: broken, workerId: "w", status: "failed", error: "x" })),
    ).toBe("failed");

    const flaky = await job();
    await step(flaky, claim);
    const retry = () =>
      completeJob(db.prisma, { jobId: flaky, workerId: "w", status: "failed", error: "killed", retryable: true });
    expect(await step(flaky, retry)).toBe("queued");

    const released = await job();
    await runnableNow(flaky);
    await step(flaky, () => cancelJob(db.prisma, flaky));
    await step(released, claim);
    expect(await step(released, () => releaseJob(db.prisma, { jobId: released, workerId: "w" }))).toBe("queued");
    await step(released, claim);
    expect(
      await step(released, () => completeJob(db.prisma, { jobId: released, workerId: "w", status: "cancelled" })),
    ).toBe("cancelled");

    const lost = await job([], 1);
    await step(lost, claim);
    await expireLease(lost);
    expect(await step(lost, () => reapExpiredLeases(db.prisma))).toBe("failed");

    const again = await job([], 2);
    await step(again, claim);
    await expireLease(again);
    expect(await step(again, () => reapExpiredLeases(db.prisma))).toBe("queued");
    await runnableNow(again);
    await step(again, claim);
    await step(again, () => cancelJob(db.prisma, again));
    await expireLease(again);
    expect(await step(again, () => reapExpiredLeases(db.prisma))).toBe("cancelled");

    const unservable = await job(["esp-idf"]);
    expect(await step(unservable, () => failUnservableJobs(db.prisma, 0))).toBe("failed");

    const allowed = jobStatuses.flatMap((from) =>
      jobStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect([...seen].sort()).toEqual(allowed.sort());
  });
});
