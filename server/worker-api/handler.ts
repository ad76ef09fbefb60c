import { z } from "zod";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { AppError, httpStatusOf } from "../../contracts/errors";
import { JOB_ENQUEUED, waitFor } from "../queue/bus";
import { claimJob } from "../queue/claim";
import { appendJobEvents } from "../queue/events";
import { completeJob, releaseJob } from "../queue/finish";
import { leaseLost, renewLease } from "../queue/lease";
import { registerWorker, registrationSchema, stopWorker, touchWorker } from "../queue/workers";
import { bearerMatches } from "./auth";
import { buildRoutes } from "./build-routes";
import { parseBody as parse, type Route } from "./parse";

export interface WorkerApiOptions {
  getPrisma: () => Promise<PrismaClient>;
  /** Undefined disables the API (503) rather than leaving it open. */
  token: string | undefined;
  leaseMs: number;
  /** Longest a claim request waits for a job before answering with no job. */
  maxWaitMs?: number;
  /** The app's public URL, injected into firmware as {{SERVER_URL}}. */
  serverUrl?: () => string;
}

const workerRef = z.object({ workerId: z.string().min(1).max(80) });
const claimBody = workerRef.extend({ kinds: z.array(z.string()).max(64), waitMs: z.number().int().min(0).max(60_000) });
const eventsBody = workerRef.extend({
  events: z
    .array(
      z.object({
        type: z.string().min(1).max(64),
        nodeId: z.string().max(80).nullish(),
        data: z.json().optional(),
      }),
    )
    .max(1000),
});
const completeBody = workerRef.extend({
  status: z.enum(["succeeded", "failed", "cancelled"]),
  result: z.json().optional(),
  error: z.string().max(20_000).optional(),
});

/** The HTTP API workers use instead of database credentials: `POST /api/worker/...`, bearer WORKER_TOKEN. */
export function createWorkerApi(options: WorkerApiOptions): (request: Request) => Promise<Response> {
  const maxWaitMs = options.maxWaitMs ?? 25_000;
  const routes: Record<string, Route> = {
    register: async (prisma, body) => {
      await registerWorker(prisma, parse(registrationSchema, body));
      return { leaseMs: options.leaseMs, heartbeatMs: Math.floor(options.leaseMs / 3) };
    },
    stop: async (prisma, body) => void (await stopWorker(prisma, parse(workerRef, body).workerId)),
    claim: async (prisma, body, _jobId, signal) => {
      const input = parse(claimBody, body);
      const deadline = Date.now() + Math.min(input.waitMs, maxWaitMs);
      for (;;) {
        const capabilities = await touchWorker(prisma, input.workerId);
        if (!capabilities) throw new AppError("NOT_FOUND", "Unknown worker: register first.");
        const job = await claimJob(prisma, { ...input, capabilities, leaseMs: options.leaseMs });
        if (job) return { job: { id: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts } };
        const left = deadline - Date.now();
        if (left <= 0 || signal.aborted) return { job: null };
        // Wake at once on an enqueue in this process; re-check soon for backoffs and other instances.
        await waitFor(JOB_ENQUEUED, Math.min(left, 1_000), signal);
      }
    },
    "jobs.heartbeat": async (prisma, body, jobId) =>
      renewLease(prisma, { jobId, workerId: parse(workerRef, body).workerId, leaseMs: options.leaseMs }),
    "jobs.events": async (prisma, body, jobId) => {
      const input = parse(eventsBody, body);
      const events = input.events.map((event) => ({ ...event, data: (event.data ?? {}) as Prisma.InputJsonValue }));
      const lastSeq = await appendJobEvents(prisma, jobId, events, input.workerId).catch((error) => {
        throw isRecordNotFound(error) ? leaseLost(jobId) : error;
      });
      return { lastSeq };
    },
    "jobs.complete": async (prisma, body, jobId) => {
      const input = parse(completeBody, body);
      await completeJob(prisma, { jobId, ...input, result: (input.result ?? undefined) as Prisma.InputJsonValue });
    },
    "jobs.release": async (prisma, body, jobId) =>
      releaseJob(prisma, { jobId, workerId: parse(workerRef, body).workerId }),
  };

  Object.assign(routes, buildRoutes(options.serverUrl ?? (() => "http://localhost:3000")));

  return async (request) => {
    if (!options.token)
      return json(503, { error: { code: "UNAVAILABLE", message: "Worker API disabled: WORKER_TOKEN is not set." } });
    if (!bearerMatches(request.headers.get("authorization"), options.token)) {
      return json(401, { error: { code: "UNAUTHORIZED", message: "Missing or wrong worker token." } });
    }
    const { key, jobId } = routeKey(new URL(request.url).pathname);
    const route = routes[key];
    if (request.method !== "POST" || !route) {
      return json(404, { error: { code: "NOT_FOUND", message: "No such worker API route." } });
    }
    try {
      const body = await request.json().catch(() => {
        throw new AppError("BAD_REQUEST", "Body must be JSON.");
      });
      const result = await route(await options.getPrisma(), body, jobId, request.signal);
      return json(200, result ?? {});
    } catch (error) {
      if (error instanceof AppError)
        return json(httpStatusOf[error.code], { error: { code: error.code, message: error.message } });
      console.error("worker api:", error);
      return json(500, { error: { code: "INTERNAL", message: "Internal error; see the app's log." } });
    }
  };
}

/** `/api/worker/claim` -> "claim"; `/api/worker/jobs/ID/events` -> "jobs.events" with ID; `/api/worker/cache/lookup` -> "cache.lookup". */
function routeKey(pathname: string): { key: string; jobId: string } {
  const job = /\/api\/worker\/jobs\/([^/]+)\/([a-z]+)$/.exec(pathname);
  if (job) return { key: `jobs.${job[2]}`, jobId: decodeURIComponent(job[1]) };
  const plain = /\/api\/worker\/([a-z]+)(?:\/([a-z]+))?$/.exec(pathname);
  if (!plain || plain[1] === "jobs") return { key: "", jobId: "" };
  return { key: plain[2] ? `${plain[1]}.${plain[2]}` : plain[1], jobId: "" };
}

function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2025";
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
