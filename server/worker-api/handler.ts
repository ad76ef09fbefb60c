import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { AppError, httpStatusOf } from "../../contracts/errors";
import {
  claimBody,
  completeBody,
  emptyBody,
  eventsBody,
  registerBody,
  WORKER_API_MAX_BODY_BYTES,
  type RegisterAnswer,
} from "../../contracts/worker-api";
import { PayloadTooLargeError, payloadTooLargeResponse, readLimitedJson } from "../http/read-limited-body";
import { JOB_ENQUEUED, waitFor } from "../queue/bus";
import { claimJob } from "../queue/claim";
import { appendJobEvents } from "../queue/events";
import { completeJob, releaseJob } from "../queue/finish";
import { leaseLost, renewLease } from "../queue/lease";
import { registerWorker, stopWorker, workerByCredential } from "../queue/workers";
import { bearerMatches, bearerToken } from "./auth";
import { buildRoutes } from "./build-routes";
import { deployRoutes } from "./deploy-routes";
import { parseBody as parse, type Route } from "./parse";
import { imageRoutes } from "./image-routes";

export interface WorkerApiOptions {
  getPrisma: () => Promise<PrismaClient>;
  /** The shared registration token. Undefined disables the API (503) rather than leaving it open. */
  token: string | undefined;
  leaseMs: number;
  /** Longest a claim request waits for a job before answering with no job. */
  maxWaitMs?: number;
  /** The app's public URL, injected into firmware as {{SERVER_URL}}. */
  serverUrl?: () => string;
  maxBodyBytes?: number;
}

/** The HTTP API workers use instead of database credentials: `POST /api/worker/...`. */
export function createWorkerApi(options: WorkerApiOptions): (request: Request) => Promise<Response> {
  const maxWaitMs = options.maxWaitMs ?? 25_000;
  const routes: Record<string, Route> = {
    stop: async ({ prisma, worker, body }) => {
      parse(emptyBody, body);
      await stopWorker(prisma, worker.id);
    },
    claim: async ({ prisma, worker, body, signal }) => {
      const input = parse(claimBody, body);
      const deadline = Date.now() + Math.min(input.waitMs, maxWaitMs);
      for (;;) {
        const job = await claimJob(prisma, {
          workerId: worker.id,
          kinds: input.kinds,
          capabilities: worker.capabilities,
          leaseMs: options.leaseMs,
        });
        if (job) return { job: { id: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts } };
        const left = deadline - Date.now();
        if (left <= 0 || signal.aborted) return { job: null };
        // Wake at once on an enqueue in this process; re-check soon for backoffs and other instances.
        await waitFor(JOB_ENQUEUED, Math.min(left, 1_000), signal);
      }
    },
    "jobs.heartbeat": async ({ prisma, worker, body, jobId }) => {
      parse(emptyBody, body);
      return renewLease(prisma, { jobId, workerId: worker.id, leaseMs: options.leaseMs });
    },
    "jobs.events": async ({ prisma, worker, body, jobId }) => {
      const input = parse(eventsBody, body);
      const events = input.events.map((event) => ({ ...event, data: (event.data ?? {}) as Prisma.InputJsonValue }));
      const lastSeq = await appendJobEvents(prisma, jobId, events, worker.id).catch((error) => {
        throw isRecordNotFound(error) ? leaseLost(jobId) : error;
      });
      return { lastSeq };
    },
    "jobs.complete": async ({ prisma, worker, body, jobId }) => {
      const input = parse(completeBody, body);
      await completeJob(prisma, {
        jobId,
        workerId: worker.id,
        ...input,
        result: (input.result ?? undefined) as Prisma.InputJsonValue,
      });
    },
    "jobs.release": async ({ prisma, worker, body, jobId }) => {
      parse(emptyBody, body);
      return releaseJob(prisma, { jobId, workerId: worker.id });
    },
    ...buildRoutes(options.serverUrl ?? (() => "http://localhost:3000")),
    ...imageRoutes(),
    ...deployRoutes(),
  };

  const register = async (prisma: PrismaClient, body: unknown): Promise<RegisterAnswer> => {
    const identity = await registerWorker(prisma, parse(registerBody, body));
    return { ...identity, leaseMs: options.leaseMs, heartbeatMs: Math.floor(options.leaseMs / 3) };
  };

  return async (request) => {
    if (!options.token) return failure(503, "UNAVAILABLE", "Worker API disabled: WORKER_TOKEN is not set.");
    const { key, jobId } = routeKey(new URL(request.url).pathname);
    const route = routes[key];
    if (request.method !== "POST" || (key !== "register" && !route)) {
      return failure(404, "NOT_FOUND", "No such worker API route.");
    }
    const authorization = request.headers.get("authorization");
    try {
      const prisma = await options.getPrisma();
      if (key === "register") {
        if (!bearerMatches(authorization, options.token))
          return failure(401, "UNAUTHORIZED", "Missing or wrong worker token.");
        const body = await readLimitedJson(request, options.maxBodyBytes ?? WORKER_API_MAX_BODY_BYTES);
        return json(200, await register(prisma, body));
      }
      const credential = bearerToken(authorization);
      const worker = credential ? await workerByCredential(prisma, credential) : null;
      // 404 tells a worker whose identity is gone (app restarted on a fresh database, or it stopped) to register again.
      if (!worker) return failure(404, "UNKNOWN_WORKER", "Unknown worker credential: register first.");
      const body = await readLimitedJson(request, options.maxBodyBytes ?? WORKER_API_MAX_BODY_BYTES);
      const result = await route({ prisma, worker, body, jobId, signal: request.signal });
      return json(200, result ?? {});
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return payloadTooLargeResponse(error);
      if (error instanceof AppError) return failure(httpStatusOf[error.code], error.code, error.message);
      console.error("worker api:", error);
      return failure(500, "INTERNAL", "Internal error; see the app's log.");
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

function failure(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
