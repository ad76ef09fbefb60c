/** History through the router, as the Design stage calls it: who saved each revision, diffs, restore. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec, type SpecNode, type SystemSpec } from "../../../contracts/spec/schema";
import { createOwnedProject, newCaller } from "../../../test/support/owners";
import { appRouter } from "../../api/root";
import { createCallerFactory } from "../../api/trpc";
import type { Caller } from "../../auth/resolve-owner";
import { connectDatabase, type Database } from "../../db/connect";

let db: Database;
let dir: string;
const createCaller = createCallerFactory(appRouter);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-history-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const node = (id: string, board = "lm3s6965evb"): SpecNode => ({
  id,
  name: `Node ${id}`,
  board,
  role: "sensor",
  behavior: "",
  sensors: [],
  actuators: [],
  telemetry: { intervalMs: 1000, fields: [] },
  expect: [],
  position: { x: 0, y: 0 },
});
const spec = (nodes: SpecNode[]): SystemSpec => ({ ...emptySpec("Greenhouse"), nodes });
const api = (caller: Caller) => createCaller({ prisma: db.prisma, caller });

describe("spec history", () => {
  it("lists who saved each revision, diffs any two or one against current, and restores", async () => {
    const owner = await newCaller(db.prisma);
    const project = await createOwnedProject(db.prisma, { name: "Greenhouse", spec: spec([node("a")]) }, owner);
    const me = api(owner);
    await me.spec.update({ projectId: project.id, spec: spec([node("a"), node("b")]), baseRevision: 1 });
    await me.spec.update({
      projectId: project.id,
      spec: spec([node("a", "bluepill-f103c8"), node("c")]),
      baseRevision: 2,
    });
    // A revision saved before authors were recorded.
    await db.prisma.specRevision.update({
      where: { projectId_revision: { projectId: project.id, revision: 1 } },
      data: { ownerId: null },
    });

    const revisions = await me.spec.revisions({ projectId: project.id });
    expect(revisions.map((r) => [r.revision, r.author, r.nodeCount])).toEqual([
      [3, "you", 2],
      [2, "you", 2],
      [1, "unknown", 1],
    ]);
    // Another owner's save (as a future collaborator would be) is "someone else".
    const other = await newCaller(db.prisma);
    await db.prisma.specRevision.update({
      where: { projectId_revision: { projectId: project.id, revision: 2 } },
      data: { ownerId: other.ownerId },
    });
    expect((await me.spec.revisions({ projectId: project.id }))[1].author).toBe("someone else");

    const two = await me.spec.diff({ projectId: project.id, from: 1, to: 2 });
    expect(two.diff.nodes.added).toEqual([{ id: "b", name: "Node b" }]);
    const againstCurrent = await me.spec.diff({ projectId: project.id, from: 2 });
    expect(againstCurrent.to).toBe(3);
    expect(againstCurrent.diff.nodes).toEqual({
      added: [{ id: "c", name: "Node c" }],
      removed: [{ id: "b", name: "Node b" }],
      changed: [
        { id: "a", name: "Node a", fields: [{ field: "board", before: "lm3s6965evb", after: "bluepill-f103c8" }] },
      ],
    });
    await expect(me.spec.diff({ projectId: project.id, from: 1, to: 9 })).rejects.toThrow(
      "This project has no revision 9.",
    );

    const restored = await me.spec.restore({ projectId: project.id, revision: 2 });
    expect(restored.revision).toBe(4);
    const latest = (await me.spec.revisions({ projectId: project.id }))[0];
    expect(latest).toMatchObject({ revision: 4, reason: "restore of 2", author: "you" });
    expect((await me.spec.diff({ projectId: project.id, from: 2 })).diff.nodes).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });
});
