import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkerApiClient } from "../../workers/api-client";
import { connectDatabase, type Database } from "../db/connect";
import { cancelJob } from "../queue/cancel";
import { enqueueJob } from "../queue/enqueue";
import { listJobEvents } from "../queue/events";
import { createWorkerApi } from "./handler";

const TOKEN = "right-token";
let db: Database;
let dir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-wapi-"));
  db = await connectDatabase({ dataDir: dir });
  handler = createWorkerApi({ getPrisma: async () => db.prisma, token: TOKEN, leaseMs: 5_000, maxWaitMs: 300 });
  // The real worker client, talking to the handler without a socket.
  globalThis.fetch = async (input, init) => handler(new Request(input, init));
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (id: string, token = TOKEN) => new WorkerApiClient("http://app.test", token, id);
const register = (worker: WorkerApiClient, capabilities: string[] = []) =>
  worker.register({
    name: worker.workerId,
    slots: 1,
    capabilities: capabilities.map((name) => ({ name, version: "1.0" })),
    kinds: ["selftest.sleep"],
  });

describe("worker API", () => {
  it("refuses a wrong token and a server without one", async () => {
    await expect(register(client("w-bad-token", "wrong"))).rejects.toMatchObject({ status: 401 });
    const closed = createWorkerApi({ getPrisma: async () => db.prisma, token: undefined, leaseMs: 5_000 });
    const response = await closed(new Request("http://app.test/api/worker/register", { method: "POST", body: "{}" }));
    expect(response.status).toBe(503);
  });

  it("answers malformed bodies with the failing field", async () => {
    const response = await handler(
      new Request("http://app.test/api/worker/register", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ id: "w-1234", name: "x", slots: 0, capabilities: [], kinds: [] }),
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("slots");
  });

  it("only gives a job to a worker with the capabilities it requires", async () => {
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: {}, requires: ["avr-gcc"] });
    const armOnly = client("w-arm-only");
    await register(armOnly, ["arm-gcc"]);
    expect(await armOnly.claim(["selftest.sleep"], 0, new AbortController().signal)).toBeNull();
    const avr = client("w-avr");
    await register(avr, ["avr-gcc"]);
    const job = await avr.claim(["selftest.sleep"], 0, new AbortController().signal);
    expect(job?.id).toBe(jobId);
    await avr.complete(jobId, { status: "succeeded", result: { ok: true } });
  });

  it("rejects events, heartbeats and results from a worker that does not hold the lease", async () => {
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: {} });
    const owner = client("w-owner");
    const intruder = client("w-intruder");
    await register(owner);
    await register(intruder);
    expect((await owner.claim(["selftest.sleep"], 0, new AbortController().signal))?.id).toBe(jobId);

    await expect(intruder.events(jobId, [{ type: "log", data: { line: "spoof" } }])).rejects.toMatchObject({
      status: 409,
    });
    await expect(intruder.heartbeat(jobId)).rejects.toMatchObject({ status: 409 });
    await expect(intruder.complete(jobId, { status: "succeeded" })).rejects.toMatchObject({ status: 409 });

    await owner.events(jobId, [{ type: "log", data: { line: "real" } }]);
    expect(await owner.heartbeat(jobId)).toEqual({ cancelRequested: false });
    await owner.complete(jobId, { status: "succeeded" });
    await expect(owner.heartbeat(jobId)).rejects.toMatchObject({ status: 409 });

    const lines = (await listJobEvents(db.prisma, jobId)).filter((e) => e.type === "log").map((e) => e.data);
    expect(lines).toEqual([{ line: "real" }]);
  });

  it("tells the worker about a cancel at its next heartbeat", async () => {
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: {} });
    const worker = client("w-cancel");
    await register(worker);
    await worker.claim(["selftest.sleep"], 0, new AbortController().signal);
    expect(await cancelJob(db.prisma, jobId)).toEqual({ status: "active" });
    expect(await worker.heartbeat(jobId)).toEqual({ cancelRequested: true });
    await worker.complete(jobId, { status: "cancelled" });
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("cancelled");
  });

  it("long-polls: a claim waiting on an empty queue returns the job enqueued meanwhile", async () => {
    const worker = client("w-longpoll");
    await register(worker);
    const claim = worker.claim(["selftest.sleep"], 5_000, new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: {} });
    expect((await claim)?.id).toBe(jobId);
  });
});
