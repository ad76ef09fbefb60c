import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres } from "../../test/support/postgres";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { exited, startWorkerProcess, waitUntil } from "../../test/support/worker-process";
import { connectDatabase, type Database } from "../db/connect";
import { enqueueJob } from "./enqueue";

const TOKEN = "integration-token";
const LEASE_MS = 1_500;

describe.each(["pglite", "postgres"] as const)("job queue on %s", (kind) => {
  let db: Database;
  let api: Awaited<ReturnType<typeof serveWorkerApi>>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (kind === "postgres") {
      const pg = await startPostgres();
      db = await connectDatabase({ databaseUrl: pg.url });
      cleanup = pg.stop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "swarm-queue-"));
      db = await connectDatabase({ dataDir: dir });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    api = await serveWorkerApi(db, { token: TOKEN, leaseMs: LEASE_MS });
  });

  afterAll(async () => {
    await api?.close();
    await db?.close();
    await cleanup?.();
  });

  const runEvents = (jobIds: string[]) =>
    db.prisma.jobEvent.findMany({ where: { jobId: { in: jobIds }, type: "run" }, orderBy: { seq: "asc" } });

  const allFinished = (jobIds: string[]) => async () =>
    (await db.prisma.job.count({
      where: { id: { in: jobIds }, status: { in: ["succeeded", "failed", "cancelled"] } },
    })) === jobIds.length;

  it("two worker processes racing over 200 jobs run each exactly once", async () => {
    const jobIds: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      jobIds.push((await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: i % 7 } })).jobId);
    }
    const workers = [startWorkerProcess(api.url, TOKEN), startWorkerProcess(api.url, TOKEN)];
    try {
      await waitUntil("200 jobs to finish", allFinished(jobIds), 120_000);
    } finally {
      workers.forEach((worker) => worker.kill("SIGTERM"));
      await Promise.all(workers.map(exited));
    }

    const jobs = await db.prisma.job.findMany({ where: { id: { in: jobIds } } });
    expect(jobs.every((job) => job.status === "succeeded" && job.attempts === 1)).toBe(true);
    const runs = await runEvents(jobIds);
    const perJob = new Map<string, number>();
    runs.forEach((run) => perJob.set(run.jobId, (perJob.get(run.jobId) ?? 0) + 1));
    expect(perJob.size).toBe(200);
    expect([...perJob.values()].every((count) => count === 1)).toBe(true);
    const pids = new Set(runs.map((run) => (run.data as { pid: number }).pid));
    expect(pids).toEqual(new Set(workers.map((worker) => worker.pid)));
  });

  it("re-runs the job of a worker killed with SIGKILL once its lease expires, losing nothing", async () => {
    const victim = startWorkerProcess(api.url, TOKEN, { WORKER_SLOTS: "1" });
    const { jobId: longJob } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 2_500 } });
    const started = await waitUntil(
      "the first worker to start the long job",
      async () => (await runEvents([longJob]))[0],
    );
    expect((started.data as { pid: number }).pid).toBe(victim.pid);
    const others: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      others.push((await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 20 } })).jobId);
    }

    victim.kill("SIGKILL");
    await exited(victim);
    const rescuer = startWorkerProcess(api.url, TOKEN);
    try {
      await waitUntil("every job to finish", allFinished([longJob, ...others]), 60_000);
    } finally {
      rescuer.kill("SIGTERM");
      await exited(rescuer);
    }

    const job = await db.prisma.job.findUniqueOrThrow({ where: { id: longJob } });
    expect(job.status).toBe("succeeded");
    expect(job.attempts).toBe(2);
    const events = await db.prisma.jobEvent.findMany({ where: { jobId: longJob }, orderBy: { seq: "asc" } });
    const types = events.map((event) => event.type);
    expect(types).toEqual(["queued", "claimed", "run", "lease-expired", "claimed", "run", "succeeded"]);
    const reruns = events
      .filter((event) => event.type === "run")
      .map((event) => event.data as { pid: number; attempt: number });
    expect(reruns.map((run) => run.pid)).toEqual([victim.pid, rescuer.pid]);
    expect(reruns.map((run) => run.attempt)).toEqual([1, 2]);

    const rest = await db.prisma.job.findMany({ where: { id: { in: others } } });
    expect(rest.map((other) => [other.status, other.attempts])).toEqual(others.map(() => ["succeeded", 1]));
  });

  it("hands a running job back when a stopping worker cannot finish it in time, and finishes one that can", async () => {
    const worker = startWorkerProcess(api.url, TOKEN, { WORKER_SLOTS: "2", WORKER_DRAIN_MS: "400" });
    const { jobId: slow } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 30_000 } });
    const { jobId: quick } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 200 } });
    await waitUntil("both jobs to start", async () => (await runEvents([slow, quick])).length === 2);
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);

    const [slowJob, quickJob] = await Promise.all(
      [slow, quick].map((id) => db.prisma.job.findUniqueOrThrow({ where: { id } })),
    );
    expect(quickJob.status).toBe("succeeded");
    expect(slowJob).toMatchObject({ status: "queued", attempts: 0, leaseOwner: null });
    const types = (await db.prisma.jobEvent.findMany({ where: { jobId: slow }, orderBy: { seq: "asc" } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(["queued", "claimed", "run", "released"]);
    await db.prisma.job.update({ where: { id: slow }, data: { status: "cancelled" } });
  });
});
