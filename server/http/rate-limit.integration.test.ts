/** The limits as a caller meets them through the router: the second build or run in a row is refused. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../contracts/spec/schema";
import { createOwnedProject, newCaller } from "../../test/support/owners";
import { appRouter } from "../api/root";
import { createCallerFactory } from "../api/trpc";
import { connectDatabase, type Database } from "../db/connect";
import { OwnerRateLimits } from "./rate-limit";

let db: Database;
let dir: string;
const createCaller = createCallerFactory(appRouter);
const limits = globalThis as { swarmRateLimits?: OwnerRateLimits };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-rate-"));
  db = await connectDatabase({ dataDir: dir });
  limits.swarmRateLimits = new OwnerRateLimits({
    RATE_LIMIT_BUILDS: "2/10m",
    RATE_LIMIT_SIMULATIONS: "1/10m",
    RATE_LIMIT_MODEL_CALLS: "1/10m",
  });
});

afterAll(async () => {
  limits.swarmRateLimits = undefined;
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const node = {
  id: "n1",
  name: "n1",
  board: "lm3s6965evb",
  role: "sensor" as const,
  behavior: "",
  telemetry: { intervalMs: 1000, fields: [] },
  position: { x: 0, y: 0 },
};

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("per-owner rate limits through the router", () => {
  it("refuses builds, model builds and simulations over the limit with TOO_MANY_REQUESTS and when to retry", async () => {
    const caller = await newCaller(db.prisma);
    const project = await createOwnedProject(
      db.prisma,
      { name: "Busy", spec: { ...emptySpec("Busy"), nodes: [node] } },
      caller,
    );
    const api = createCaller({ prisma: db.prisma, caller });
    await api.build.start({ projectId: project.id, generator: "anthropic" });
    const model = await refusal(api.build.start({ projectId: project.id, generator: "anthropic" }));
    expect(model.code).toBe("TOO_MANY_REQUESTS");
    expect(model.message).toBe("Too many model calls: try again in 10 min.");
    // The refused model build spent no build: one more template build fits, then builds run out.
    await api.build.start({ projectId: project.id, generator: "templates" });
    const builds = await refusal(api.build.start({ projectId: project.id, generator: "templates" }));
    expect(builds.message).toBe("Too many builds: try again in 5 min.");

    // The owner's one run is spent here rather than by a real run, which would start the MQTT broker.
    limits.swarmRateLimits!.take(caller.ownerId, ["simulations"]);
    const runs = await refusal(api.simulate.start({ projectId: project.id, durationMs: 5_000 }));
    expect(runs.code).toBe("TOO_MANY_REQUESTS");
    expect(runs.message).toBe("Too many simulations: try again in 10 min.");

    // Another owner has their own allowance.
    const other = await newCaller(db.prisma);
    const theirs = await createOwnedProject(
      db.prisma,
      { name: "Calm", spec: { ...emptySpec("Calm"), nodes: [node] } },
      other,
    );
    await createCaller({ prisma: db.prisma, caller: other }).build.start({
      projectId: theirs.id,
      generator: "templates",
    });
  });
});
