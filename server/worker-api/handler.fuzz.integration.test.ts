/**
 * Property-based fuzzing of the worker API as a hostile or broken client meets it: arbitrary methods,
 * paths, credentials, headers and bodies, against a registered worker holding a real job. Every answer
 * is a 2xx or a 4xx with a message, never a 500, and every request finishes (fast-check fails a run over
 * its timeout).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../db/connect";
import { enqueueJob } from "../queue/enqueue";
import { createWorkerApi } from "./handler";

const TOKEN = "fuzz-registration-token";
let db: Database;
let dir: string;
let handler: (request: Request) => Promise<Response>;
let credential: string;
let jobId: string;

const routes = [
  "register",
  "stop",
  "claim",
  "cache/lookup",
  "cache/store",
  ...["heartbeat", "events", "complete", "release", "config", "firmware", "artifacts", "image"].map(
    (action) => `jobs/{job}/${action}`,
  ),
];

async function call(method: string, route: string, bearer: string | null, body?: string, headers = {}) {
  return handler(
    new Request(`http://app.test/api/worker/${route}`, {
      method,
      headers: { ...headers, ...(bearer === null ? {} : { authorization: bearer }) },
      body: method === "GET" || method === "HEAD" ? undefined : body,
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-fuzz-wapi-"));
  db = await connectDatabase({ dataDir: dir });
  handler = createWorkerApi({
    getPrisma: async () => db.prisma,
    token: TOKEN,
    leaseMs: 5_000,
    maxWaitMs: 50,
    maxBodyBytes: 16 * 1024,
  });
  const registration = await call(
    "POST",
    "register",
    `Bearer ${TOKEN}`,
    JSON.stringify({ name: "fuzz", slots: 2, capabilities: [], kinds: ["selftest.sleep"] }),
  );
  credential = ((await registration.json()) as { credential: string }).credential;
  // A job this worker holds, so job routes reach their handlers and not only "no such job".
  await enqueueJob(db.prisma, { kind: "selftest.sleep", payload: { ms: 0 } });
  const claim = await call(
    "POST",
    "claim",
    `Bearer ${credential}`,
    JSON.stringify({ kinds: ["selftest.sleep"], waitMs: 0 }),
  );
  jobId = ((await claim.json()) as { job: { id: string } }).job.id;
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const segment = fc.string({ maxLength: 30 }).map(encodeURIComponent);
const route = fc.oneof(
  fc.constantFrom(...routes),
  fc.tuple(fc.constantFrom(...routes), segment).map(([known, id]) => known.replace("{job}", id)),
  fc.array(segment, { maxLength: 5 }).map((parts) => parts.join("/")),
);
const bearer = fc.oneof(
  fc.constant(null),
  fc.constantFrom("valid", "token"),
  fc.string({ maxLength: 80 }).map((value) => `Bearer ${value}`),
  fc.stringMatching(/^[\x20-\x7e]{0,80}$/),
);
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ""),
  fc
    .record(
      {
        kinds: fc.jsonValue(),
        waitMs: fc.jsonValue(),
        events: fc.array(fc.record({ type: fc.string(), data: fc.jsonValue() }), { maxLength: 5 }),
        status: fc.constantFrom("succeeded", "failed", "nonsense"),
        result: fc.jsonValue(),
        error: fc.jsonValue(),
        name: fc.string(),
        slots: fc.integer(),
        capabilities: fc.jsonValue(),
        sha256: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.integer({ min: 16 * 1024 - 10, max: 20 * 1024 }).map((size) => `"${"x".repeat(size)}"`),
);
const headers = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z-]{0,20}$/),
  fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((value) => value.trim()),
  { maxKeys: 4 },
);
const request = fc.record({
  method: fc.oneof(fc.constant("POST"), fc.constantFrom("GET", "PUT", "DELETE", "PATCH")),
  route,
  bearer,
  body,
  headers,
});

describe("worker API under fuzzing", () => {
  it("answers arbitrary requests with a 2xx or a 4xx that says why, never a 500", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const auth =
          input.bearer === "valid"
            ? `Bearer ${credential}`
            : input.bearer === "token"
              ? `Bearer ${TOKEN}`
              : input.bearer;
        const response = await call(input.method, input.route.replace("{job}", jobId), auth, input.body, input.headers);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${input.method} ${input.route}`).toBeLessThan(500);
        if (response.status >= 400) {
          const answer = (await response.json()) as { error: { message: string } };
          expect(answer.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400, timeout: 5_000 },
    );
    // The fuzzer got past authentication and into the routes' body checks.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  }, 60_000);
});
