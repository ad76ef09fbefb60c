import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../db/connect";
import { applyMigrations } from "../db/migrate";
import { failUnservableJobs } from "../queue/unservable";
import { registerWorker } from "../queue/workers";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { createOwnedProject } from "../../test/support/owners";
import { getJob } from "./jobs/get-job";
import { deleteProject } from "./project/delete-project";
import { getProject } from "./project/get-project";
import { renameProject } from "./project/rename-project";
import { getSpec } from "./spec/get-spec";
import { listRevisions } from "./spec/list-revisions";
import { restoreRevision } from "./spec/restore-revision";
import { updateSpec } from "./spec/update-spec";

let db: Database;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-services-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The project as the ownership gate hands it to services: the current row. */
const current = (id: string) => db.prisma.project.findUniqueOrThrow({ where: { id } });
/** A queued job needing `requires`, as an enqueue of a build of such a board would make it. */
const queuedJob = (requires: string[]) => db.prisma.job.create({ data: { kind: "build-node", payload: {}, requires } });

const withNode = (spec: SystemSpec, id: string, board: string): SystemSpec => ({
  ...spec,
  nodes: [
    ...spec.nodes,
    {
      id,
      name: id,
      board,
      role: "sensor",
      behavior: "",
      sensors: [],
      actuators: [],
      telemetry: { intervalMs: 1000, fields: [] },
      expect: [],
      position: { x: 0, y: 0 },
    },
  ],
});

describe("projects and spec revisions", () => {
  it("re-applying migrations is a no-op", async () => {
    const migrations = readdirSync(path.resolve(import.meta.dirname, "../../prisma/migrations"), {
      withFileTypes: true,
    });
    const count = migrations.filter((entry) => entry.isDirectory()).length;
    expect(await applyMigrations(db.sql)).toEqual({ applied: [], alreadyApplied: count });
  });

  it("saves every change as a revision and restores an old one as a new revision", async () => {
    const { id } = await createOwnedProject(db.prisma, { name: "Greenhouse" });
    const one = withNode(emptySpec("Greenhouse"), "temp-1", "lm3s6965evb");
    expect((await updateSpec(db.prisma, { project: await current(id), spec: one, baseRevision: 1 })).revision).toBe(2);
    const two = withNode(one, "fan", "arduino-uno");
    await updateSpec(db.prisma, { project: await current(id), spec: two, baseRevision: 2 });
    await renameProject(db.prisma, { project: await current(id), name: "Glasshouse" });

    const restored = await restoreRevision(db.prisma, { project: await current(id), revision: 2 });
    expect(restored.revision).toBe(5);
    expect(restored.spec.nodes.map((n) => n.id)).toEqual(["temp-1"]);
    expect(getSpec(await current(id)).spec.name).toBe("Greenhouse");
    expect((await listRevisions(db.prisma, await current(id))).map((r) => [r.revision, r.reason])).toEqual([
      [5, "restore of 2"],
      [4, "rename"],
      [3, "update"],
      [2, "update"],
      [1, "create"],
    ]);
  });

  it("refuses a save based on a stale revision and keeps the newer one", async () => {
    const { id } = await createOwnedProject(db.prisma, { name: "Two tabs" });
    const mine = withNode(emptySpec("Two tabs"), "a", "lm3s6965evb");
    await updateSpec(db.prisma, { project: await current(id), spec: mine, baseRevision: 1 });
    const theirs = withNode(emptySpec("Two tabs"), "b", "arduino-uno");
    await expect(
      updateSpec(db.prisma, { project: await current(id), spec: theirs, baseRevision: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(getProject(await current(id)).spec.nodes.map((n) => n.id)).toEqual(["a"]);
  });

  it("leaves the saved spec untouched when an update is invalid", async () => {
    const { id } = await createOwnedProject(db.prisma, { name: "Keep" });
    const bad = withNode(emptySpec("Keep"), "x", "esp99");
    await expect(updateSpec(db.prisma, { project: await current(id), spec: bad })).rejects.toThrow(
      'nodes.0.board: unknown board "esp99"',
    );
    expect(getSpec(await current(id))).toMatchObject({ revision: 1, spec: { nodes: [] } });
  });

  it("deletes a project with its revisions", async () => {
    const project = await createOwnedProject(db.prisma, { name: "Gone" });
    await deleteProject(db.prisma, project);
    expect(await db.prisma.project.count({ where: { id: project.id } })).toBe(0);
    expect(await db.prisma.specRevision.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("job status", () => {
  it("says which capability no online worker has instead of waiting silently", async () => {
    const job = await queuedJob(["avr-gcc"]);
    expect((await getJob(db.prisma, job)).waiting).toBe("waiting: no worker online");
    await registerWorker(db.prisma, {
      name: "arm box",
      slots: 1,
      capabilities: [{ name: "arm-gcc", version: "12.2.1" }],
      kinds: ["build-node"],
    });
    expect(await getJob(db.prisma, job)).toMatchObject({
      status: "queued",
      waiting: "waiting: no worker with avr-gcc online",
    });
  });

  it("fails a job no online worker can serve after the grace period, saying how to add one", async () => {
    const esp = await queuedJob(["esp-idf"]);
    const arm = await queuedJob(["arm-gcc"]);
    expect(await failUnservableJobs(db.prisma, 60_000)).toBe(0);
    await failUnservableJobs(db.prisma, 0);
    const failed = await db.prisma.job.findUniqueOrThrow({ where: { id: esp.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("no worker with esp-idf online");
    expect(failed.error).toContain("npm run worker");
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: arm.id } })).status).toBe("queued");
  });
});
