/**
 * The CSV export route over a real local deploy: the owner's cookie gets the stored records, another owner's
 * cookie or none gets 404 (and no data), a project without a server gets 409 with the deploy hint.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "@/contracts/spec/schema";
import type { Caller } from "@/server/auth/resolve-owner";
import { signOwnerId } from "@/server/auth/owner-cookie";
import type { SwarmBroker } from "@/server/broker/swarm-broker";
import { connectDatabase, type Database } from "@/server/db/connect";
import { localAggregator, stopLocalAggregator } from "@/server/deploy/local-aggregators";
import { createOwnedProject, newCaller } from "@/test/support/owners";
import { sensorNode } from "@/test/support/spec-nodes";
import { deployLocally, startTestBroker } from "@/test/support/test-broker";

let db: Database;
let dir: string;
let broker: SwarmBroker;
const deployed: string[] = [];

const node = (id: string) => sensorNode(id);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-csv-"));
  process.env.DATA_DIR = dir;
  db = await connectDatabase({ dataDir: dir });
  // The route's process-wide database is this test's (two PGlite instances must never share a directory).
  (globalThis as { swarmDb?: Promise<Database> }).swarmDb = Promise.resolve(db);
  broker = await startTestBroker(db);
});

afterAll(async () => {
  for (const projectId of deployed) await stopLocalAggregator(projectId);
  await broker?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function deployedProject(owner: Caller) {
  const project = await createOwnedProject(
    db.prisma,
    { name: "Exported", spec: { ...emptySpec("Exported"), nodes: [node("n1"), node("n2")] } },
    owner,
  );
  await deployLocally(db, broker, project);
  deployed.push(project.id);
  return project;
}

async function fetchCsv(projectId: string, owner: Caller | null, query: Record<string, string>) {
  const { GET } = await import("./route");
  return GET(
    new Request(`http://app.test/api/projects/${projectId}/telemetry.csv?${new URLSearchParams(query)}`, {
      headers: owner ? { cookie: `swarm_owner=${signOwnerId(owner.ownerId)}` } : {},
    }),
    { params: Promise.resolve({ projectId }) },
  );
}

describe("telemetry CSV export", () => {
  it("gives the owner the stored records of the range (one node when asked); others get 404", async () => {
    const owner = await newCaller(db.prisma);
    const outsider = await newCaller(db.prisma);
    const project = await deployedProject(owner);
    const from = new Date(Date.now() - 60_000).toISOString();
    const aggregator = (await localAggregator(project.id))!;
    const start = Date.now() - 3_000;
    aggregator.ingest(project.slug, "n1", "telemetry", { temperature: 21.5 }, start);
    aggregator.ingest(project.slug, "n2", "telemetry", { temperature: 19.25 }, start + 1_000);
    aggregator.ingest(project.slug, "n1", "telemetry", { temperature: 22.75 }, start + 2_000);
    await aggregator.flush();
    const to = new Date(Date.now() + 60_000).toISOString();

    const mine = await fetchCsv(project.id, owner, { from, to });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await mine.text()).trim().split("\r\n");
    expect(lines[0]).toBe("ts,node,kind,temperature");
    expect(lines.slice(1).map((line) => line.split(",").slice(1).join(","))).toEqual([
      "n1,telemetry,21.5",
      "n2,telemetry,19.25",
      "n1,telemetry,22.75",
    ]);

    const one = await fetchCsv(project.id, owner, { from, to, nodeId: "n2" });
    expect((await one.text()).trim().split("\r\n").slice(1)).toHaveLength(1);

    for (const stranger of [outsider, null]) {
      const response = await fetchCsv(project.id, stranger, { from, to });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("21.5");
    }
  });

  it("answers 409 with the deploy hint before a deploy, and 400 for a bad range", async () => {
    const owner = await newCaller(db.prisma);
    const project = await createOwnedProject(db.prisma, { name: "Undeployed" }, owner);
    const range = { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" };
    const early = await fetchCsv(project.id, owner, range);
    expect(early.status).toBe(409);
    expect((await early.json()).error).toBe("This swarm has no server yet: deploy it in the Deploy stage first.");

    const missing = await fetchCsv(project.id, owner, { to: range.to });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/`from` is missing/);
    const backwards = await fetchCsv(project.id, owner, { from: range.to, to: range.from });
    expect((await backwards.json()).error).toBe("`to` must be after `from`.");
  });
});
