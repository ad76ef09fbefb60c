import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../../contracts/spec/schema";
import { createOwnedProject, newCaller } from "../../../test/support/owners";
import { connectDatabase, type Database } from "../../db/connect";
import { appRouter } from "../root";
import { createCallerFactory } from "../trpc";

let db: Database;
let dir: string;
const createCaller = createCallerFactory(appRouter);
const keyBefore = process.env.ANTHROPIC_API_KEY;

beforeAll(async () => {
  // The phrase parser answers: no model call from a test.
  delete process.env.ANTHROPIC_API_KEY;
  dir = mkdtempSync(path.join(tmpdir(), "swarm-design-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  if (keyBefore !== undefined) process.env.ANTHROPIC_API_KEY = keyBefore;
});

const gatewayNode = {
  id: "gw",
  name: "Gateway",
  board: "lm3s6965evb",
  role: "gateway" as const,
  behavior: "",
  telemetry: { intervalMs: 1000, fields: [] },
  position: { x: 40, y: 40 },
};

describe("design.parse", () => {
  it("extends the project's current design and saves nothing", async () => {
    const caller = await newCaller(db.prisma);
    const project = await createOwnedProject(
      db.prisma,
      { name: "Barn", spec: { ...emptySpec("Barn"), nodes: [gatewayNode] } },
      caller,
    );
    const api = createCaller({ prisma: db.prisma, caller });
    const proposal = await api.design.parse({ projectId: project.id, text: "two soil moisture sensors" });
    expect(proposal.source).toBe("rules");
    expect(proposal.spec.name).toBe("Barn");
    expect(proposal.spec.nodes[0]).toMatchObject({ id: "gw", position: { x: 40, y: 40 } });
    expect(proposal.added.map((a) => a.nodeId)).toHaveLength(2);
    // The new sensors report to the existing gateway.
    for (const { nodeId } of proposal.added) expect(proposal.spec.links).toContainEqual({ from: nodeId, to: "gw" });
    const after = await db.prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after.revision).toBe(1);
    expect((after.spec as { nodes: unknown[] }).nodes).toHaveLength(1);
  });

  it("without a project proposes from an empty design", async () => {
    const api = createCaller({ prisma: db.prisma, caller: await newCaller(db.prisma) });
    const proposal = await api.design.parse({ text: "three greenhouse sensors and a fan controller" });
    expect(proposal.spec.nodes.map((n) => n.id)).toEqual([
      "greenhouse-1",
      "greenhouse-2",
      "greenhouse-3",
      "fan-controller",
    ]);
  });

  it("says what to write instead of text it cannot use", async () => {
    const api = createCaller({ prisma: db.prisma, caller: await newCaller(db.prisma) });
    await expect(api.design.parse({ text: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Describe the swarm first/),
    });
  });
});
