/**
 * bench/queue: enqueue-to-claim pickup latency (p50/p95) and jobs/s with 1 and 4 real worker
 * processes, on PGlite and on PostgreSQL. Run: npm run bench:queue
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connectDatabase, type Database } from "../../server/db/connect";
import { enqueueJob } from "../../server/queue/enqueue";
import { startPostgres } from "../../test/support/postgres";
import { serveWorkerApi } from "../../test/support/worker-api-server";
import { exited, startWorkerProcess, waitUntil } from "../../test/support/worker-process";

const TOKEN = "bench-token";
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 60);
const THROUGHPUT_JOBS = Number(process.env.BENCH_THROUGHPUT_JOBS ?? 400);

interface Row {
  database: string;
  workers: number;
  p50: number;
  p95: number;
  jobsPerSecond: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function finished(db: Database, ids: string[]) {
  return (await db.prisma.job.count({ where: { id: { in: ids }, status: "succeeded" } })) === ids.length;
}

async function measure(db: Database, label: string, workerCount: number): Promise<Row> {
  const api = await serveWorkerApi(db, { token: TOKEN, leaseMs: 30_000 });
  const workers = Array.from({ length: workerCount }, () => startWorkerProcess(api.url, TOKEN, { WORKER_SLOTS: "1" }));
  try {
    await waitUntil(
      "workers to register",
      async () => (await db.prisma.worker.count({ where: { stoppedAt: null } })) >= workerCount,
    );
    // Latency: one job at a time into idle workers, measured on the database clock.
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
      const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
      await waitUntil("a job to finish", () => finished(db, [jobId]));
      const job = await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } });
      latencies.push(job.startedAt!.getTime() - job.createdAt.getTime());
    }
    latencies.sort((a, b) => a - b);

    // Throughput: a burst of jobs, from the first enqueue to the last completion.
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < THROUGHPUT_JOBS; i += 1) {
      ids.push((await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } })).jobId);
    }
    await waitUntil("the burst to finish", () => finished(db, ids), 600_000);
    const seconds = (performance.now() - started) / 1000;
    return {
      database: label,
      workers: workerCount,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      jobsPerSecond: THROUGHPUT_JOBS / seconds,
    };
  } finally {
    workers.forEach((worker) => worker.kill("SIGTERM"));
    await Promise.all(workers.map(exited));
    await db.prisma.worker.updateMany({ data: { stoppedAt: new Date() } });
    await api.close();
  }
}

async function main() {
  const rows: Row[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "swarm-bench-queue-"));
  const lite = await connectDatabase({ dataDir: dir });
  for (const n of [1, 4]) rows.push(await measure(lite, "PGlite", n));
  await lite.close();
  rmSync(dir, { recursive: true, force: true });

  const pg = await startPostgres();
  const postgres = await connectDatabase({ databaseUrl: pg.url });
  for (const n of [1, 4]) rows.push(await measure(postgres, "PostgreSQL", n));
  await postgres.close();
  await pg.stop();

  console.log(`\nbench/queue: ${LATENCY_SAMPLES} latency samples, ${THROUGHPUT_JOBS}-job bursts, no-op jobs\n`);
  console.log("| database   | workers | pickup p50 (ms) | pickup p95 (ms) | jobs/s |");
  console.log("|------------|---------|-----------------|-----------------|--------|");
  for (const row of rows) {
    console.log(
      `| ${row.database.padEnd(10)} | ${String(row.workers).padStart(7)} | ${row.p50.toFixed(0).padStart(15)} | ${row.p95.toFixed(0).padStart(15)} | ${row.jobsPerSecond.toFixed(1).padStart(6)} |`,
    );
  }
}

await main();
