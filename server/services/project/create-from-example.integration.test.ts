/**
 * The gallery through the tRPC caller, as the home page uses it: every example opens as a new project of the
 * caller holding exactly the example's spec (which `spec.update` accepts unchanged), with a first revision that
 * names the example; an unknown id is refused naming the known ones. The firmware of every example is built and
 * booted in examples/examples.integration.test.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examples, getExample } from "../../../examples";
import { newCaller } from "../../../test/support/owners";
import { appRouter } from "../../api/root";
import { createCallerFactory } from "../../api/trpc";
import { connectDatabase, type Database } from "../../db/connect";

let db: Database;
let dir: string;
const createCaller = createCallerFactory(appRouter);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-examples-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const greenhouse = getExample("greenhouse-climate")!;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as { code: string; message: string },
  );

describe("project.createFromExample", () => {
  it.each(examples.map((e) => [e.id, e] as const))(
    "%s opens as the caller's project with the example's spec, unchanged and valid",
    async (exampleId, example) => {
      const caller = await newCaller(db.prisma);
      const api = createCaller({ prisma: db.prisma, caller });

      const { id } = await api.project.createFromExample({ exampleId });

      const { spec, revision } = await api.spec.get({ projectId: id });
      expect(revision).toBe(1);
      expect(spec).toEqual(example.spec);
      const listed = await api.project.list();
      expect(listed).toEqual([expect.objectContaining({ id, name: example.title, revision: 1 })]);
      expect(listed[0]!.nodeCount).toBe(example.spec.nodes.length);
      expect(await api.spec.revisions({ projectId: id })).toEqual([
        expect.objectContaining({ revision: 1, reason: `create from example ${example.title}`, author: "you" }),
      ]);
      // What the Design stage saves back passes the same validation as any edit.
      expect(await api.spec.update({ projectId: id, spec, baseRevision: 1 })).toMatchObject({ revision: 2 });
      expect((await api.spec.get({ projectId: id })).spec).toEqual(example.spec);
    },
  );

  it("makes a separate copy each time, and another owner sees none of them", async () => {
    const caller = await newCaller(db.prisma);
    const api = createCaller({ prisma: db.prisma, caller });
    const first = await api.project.createFromExample({ exampleId: "greenhouse-climate" });
    const second = await api.project.createFromExample({ exampleId: "greenhouse-climate" });
    expect(second.id).not.toBe(first.id);
    // Editing one copy leaves the other, and the gallery, as they were.
    const { spec } = await api.spec.get({ projectId: first.id });
    spec.nodes[0]!.name = "Bed 1 (beans)";
    await api.spec.update({ projectId: first.id, spec });
    expect((await api.spec.get({ projectId: first.id })).spec.nodes[0]!.name).toBe("Bed 1 (beans)");
    expect((await api.spec.get({ projectId: second.id })).spec).toEqual(greenhouse.spec);
    expect(greenhouse.spec.nodes[0]!.name).toBe("Bed 1 (tomatoes)");

    const stranger = createCaller({ prisma: db.prisma, caller: await newCaller(db.prisma) });
    expect(await stranger.project.list()).toEqual([]);
    expect(await failure(stranger.spec.get({ projectId: first.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an unknown example with NOT_FOUND naming the ones there are, and creates nothing", async () => {
    const caller = await newCaller(db.prisma);
    const api = createCaller({ prisma: db.prisma, caller });
    const refused = await failure(api.project.createFromExample({ exampleId: "moon-base" }));
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
    expect(refused!.message).toContain('No example "moon-base"');
    for (const example of examples) expect(refused!.message).toContain(`"${example.id}"`);
    expect(await failure(api.project.createFromExample({ exampleId: " " }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await api.project.list()).toEqual([]);
  });
});

describe("examples.list", () => {
  it("summarizes every example of the gallery: nodes, boards and what it shows, without its spec", async () => {
    const api = createCaller({ prisma: db.prisma, caller: await newCaller(db.prisma) });
    const listed = await api.examples.list();
    expect(listed.map((e) => e.id)).toEqual(examples.map((e) => e.id));
    expect(listed.find((e) => e.id === "greenhouse-climate")).toEqual({
      id: "greenhouse-climate",
      title: "Greenhouse climate",
      summary: greenhouse.summary,
      demonstrates: greenhouse.demonstrates,
      nodeCount: 3,
      boards: [
        { id: "lm3s6965evb", name: "TI Stellaris LM3S6965 EVB", count: 2 },
        { id: "netduino-plus-2", name: "Netduino Plus 2", count: 1 },
      ],
    });
    for (const example of listed) {
      expect(example.boards.reduce((sum, b) => sum + b.count, 0)).toBe(example.nodeCount);
      expect(example.demonstrates.length).toBeGreaterThan(0);
    }
  });
});
