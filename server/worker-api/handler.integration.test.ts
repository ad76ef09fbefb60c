import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../contracts/spec/schema";
import { createOwnedProject } from "../../test/support/owners";
import { WorkerApiClient } from "../../workers/queue-client/api-client";
import { connectDatabase, type Database } from "../db/connect";
import { cancelJob } from "../queue/cancel";
import { enqueueJob } from "../queue/enqueue";
import { listJobEvents } from "../queue/events";
import { startBuild } from "../services/build/start-build";
import { setSecret } from "../services/secrets/set-secret";
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

const signal = () => new AbortController().signal;
async function registered(name: string, capabilities: string[] = [], kinds = ["selftest.sleep"]) {
  const worker = new WorkerApiClient("http://app.test", TOKEN);
  await worker.register({
    name,
    slots: 1,
    capabilities: capabilities.map((n) => ({ name: n, version: "1.0" })),
    kinds,
  });
  return worker;
}
const post = (route: string, bearer: string, body: BodyInit | null = "{}", headers: Record<string, string> = {}) =>
  handler(
    new Request(`http://app.test/api/worker/${route}`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );

describe("worker API", () => {
  it("refuses a wrong token and a server without one", async () => {
    await expect(
      new WorkerApiClient("http://app.test", "wrong").register({ name: "x", slots: 1, capabilities: [], kinds: [] }),
    ).rejects.toMatchObject({ status: 401 });
    const closed = createWorkerApi({ getPrisma: async () => db.prisma, token: undefined, leaseMs: 5_000 });
    const response = await closed(new Request("http://app.test/api/worker/register", { method: "POST", body: "{}" }));
    expect(response.status).toBe(503);
  });

  it("answers malformed bodies with the failing field", async () => {
    const response = await post(
      "register",
      TOKEN,
      JSON.stringify({ name: "x", slots: 0, capabilities: [], kinds: [] }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("slots");
  });

  it("issues each worker its own credential; the shared token only registers", async () => {
    const worker = await registered("w-identity");
    expect(worker.workerId).toMatch(/^w_[0-9a-f]{24}$/);
    // The shared token is no credential for anything but registering.
    const claim = await post("claim", TOKEN, JSON.stringify({ kinds: ["selftest.sleep"], waitMs: 0 }));
    expect(claim.status).toBe(404);
    expect((await claim.json()).error.code).toBe("UNKNOWN_WORKER");
    // Nor is a guessed credential, and nobody is listed by id.
    expect((await post("claim", "guess", JSON.stringify({ kinds: [], waitMs: 0 }))).status).toBe(404);
    const rows = await db.prisma.worker.findMany({ where: { id: worker.workerId! } });
    expect(rows[0].credentialHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("only gives a job to a worker with the capabilities it requires", async () => {
    const job = await db.prisma.job.create({
      data: { kind: "selftest.sleep", payload: { ms: 0 }, requires: ["avr-gcc"] },
    });
    const armOnly = await registered("w-arm-only", ["arm-gcc"]);
    expect(await armOnly.claim(["selftest.sleep"], 0, signal())).toBeNull();
    const avr = await registered("w-avr", ["avr-gcc"]);
    expect((await avr.claim(["selftest.sleep"], 0, signal()))?.id).toBe(job.id);
    await avr.complete(job.id, { status: "succeeded", result: { pid: 1, sleptMs: 0 } });
  });

  it("refuses events, heartbeats, results and release from a second worker, whatever its body says", async () => {
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
    const owner = await registered("w-owner");
    const intruder = await registered("w-intruder");
    expect((await owner.claim(["selftest.sleep"], 0, signal()))?.id).toBe(jobId);

    await expect(intruder.events(jobId, [{ type: "log", data: { line: "spoof" } }])).rejects.toMatchObject({
      status: 409,
    });
    await expect(intruder.heartbeat(jobId)).rejects.toMatchObject({ status: 409 });
    await expect(intruder.complete(jobId, { status: "succeeded" })).rejects.toMatchObject({ status: 409 });
    await expect(intruder.release(jobId)).rejects.toMatchObject({ status: 409 });
    // Naming the owner in the body changes nothing: the credential decides who is calling.
    const spoofed = { status: "succeeded", workerId: owner.workerId };
    const intruderCredential = (intruder as unknown as { credential: string }).credential;
    expect((await post(`jobs/${jobId}/complete`, intruderCredential, JSON.stringify(spoofed))).status).toBe(409);

    await owner.events(jobId, [{ type: "log", data: { line: "real" } }]);
    expect(await owner.heartbeat(jobId)).toEqual({ cancelRequested: false });
    await owner.complete(jobId, { status: "succeeded", result: { pid: 1, sleptMs: 0 } });
    await expect(owner.heartbeat(jobId)).rejects.toMatchObject({ status: 409 });

    const lines = (await listJobEvents(db.prisma, jobId)).filter((e) => e.type === "log").map((e) => e.data);
    expect(lines).toEqual([{ line: "real" }]);
  });

  it("serves a build job's config, secrets included, only to the worker holding its lease", async () => {
    const node = {
      id: "n1",
      name: "n1",
      board: "lm3s6965evb",
      role: "sensor" as const,
      behavior: "",
      telemetry: { intervalMs: 1000, fields: [] },
      position: { x: 0, y: 0 },
    };
    const project = await createOwnedProject(db.prisma, {
      name: "Config",
      spec: {
        ...emptySpec("Config"),
        network: { wifi: { ssid: "lab", passwordSecret: "WIFI_PASSWORD" } },
        nodes: [node],
      },
    });
    await setSecret(db.prisma, { project, name: "WIFI_PASSWORD", value: "hunter2-secret" });
    await startBuild(db.prisma, { project, generator: "templates" });
    const holder = await registered("w-holder", ["arm-gcc"], ["build-node"]);
    const other = await registered("w-other", ["arm-gcc"], ["build-node"]);
    const job = await holder.claim(["build-node"], 0, signal());
    expect(job?.kind).toBe("build-node");

    await expect(other.config(job!.id)).rejects.toMatchObject({ status: 409 });
    expect((await holder.config(job!.id)).values.WIFI_PASSWORD).toBe("hunter2-secret");
    await holder.complete(job!.id, { status: "failed", error: "stop here" });
    await expect(holder.config(job!.id)).rejects.toMatchObject({ status: 409 });
  });

  it("requeues a retryable failure with backoff and fails a permanent one at once", async () => {
    const worker = await registered("w-retry");
    const { jobId: flaky } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
    await worker.claim(["selftest.sleep"], 0, signal());
    await worker.complete(flaky, { status: "failed", error: "tool killed", retryable: true });
    const requeued = await db.prisma.job.findUniqueOrThrow({ where: { id: flaky } });
    expect(requeued).toMatchObject({ status: "queued", attempts: 1 });
    expect(requeued.runAfter.getTime()).toBeGreaterThan(Date.now());
    expect((await listJobEvents(db.prisma, flaky)).map((e) => e.type)).toContain("retrying");

    const { jobId: broken } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
    await db.prisma.job.update({ where: { id: flaky }, data: { status: "cancelled" } });
    await worker.claim(["selftest.sleep"], 0, signal());
    await worker.complete(broken, { status: "failed", error: "does not compile" });
    expect(await db.prisma.job.findUniqueOrThrow({ where: { id: broken } })).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "does not compile",
    });
  });

  it("tells the worker about a cancel at its next heartbeat", async () => {
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
    const worker = await registered("w-cancel");
    await worker.claim(["selftest.sleep"], 0, signal());
    expect(await cancelJob(db.prisma, jobId)).toEqual({ status: "active" });
    expect(await worker.heartbeat(jobId)).toEqual({ cancelRequested: true });
    await worker.complete(jobId, { status: "cancelled" });
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("cancelled");
  });

  it("long-polls: a claim waiting on an empty queue returns the job enqueued meanwhile", async () => {
    const worker = await registered("w-longpoll");
    const claim = worker.claim(["selftest.sleep"], 5_000, signal());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { jobId } = await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
    expect((await claim)?.id).toBe(jobId);
  });

  it("answers 413 to an oversized body without holding it in memory", async () => {
    const worker = await registered("w-big");
    const credential = (worker as unknown as { credential: string }).credential;
    // Declared too big: refused before a byte is read.
    const declared = await post("claim", credential, "{}", { "content-length": String(200 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    // Streamed without a length: 200 MiB offered in 1 MiB chunks, cut off at the limit.
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    global.gc?.();
    const before = process.memoryUsage().rss;
    const streamed = await post("jobs/x/events", credential, body);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.message).toContain("larger than");
    expect(sent).toBeLessThan(40); // it stopped reading soon after 16 MiB
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});
