/**
 * Every procedure of the router, enumerated from the router itself: a procedure added later is covered
 * without editing this file. Each gated one must refuse another owner with NOT_FOUND (and let the
 * owner through); the few that touch no project data must be listed below with what they may show.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../contracts/spec/schema";
import { createOwnedProject, newCaller } from "../../test/support/owners";
import type { Caller } from "../auth/resolve-owner";
import { signOwnerId } from "../auth/owner-cookie";
import { connectDatabase, type Database } from "../db/connect";
import { startBuild } from "../services/build/start-build";
import { startSimulation } from "../services/simulate/start-simulation";
import { setSecret } from "../services/secrets/set-secret";
import { createShareLink } from "../services/share/create-share-link";
import { appRouter } from "./root";
import { createCallerFactory, type Meta } from "./trpc";

let db: Database;
let dir: string;
const createCaller = createCallerFactory(appRouter);
const node = (id: string) => ({
  id,
  name: id,
  board: "lm3s6965evb",
  role: "sensor" as const,
  behavior: "",
  telemetry: { intervalMs: 1000, fields: [] },
  position: { x: 0, y: 0 },
});

/** One owner's project with a build (and so a job) and a secret. */
async function ownedWorld(caller: Caller) {
  const project = await createOwnedProject(
    db.prisma,
    { name: "Victim", spec: { ...emptySpec("Victim"), nodes: [node("n1")] } },
    caller,
  );
  await setSecret(db.prisma, { project, name: "WIFI_PASSWORD", value: "victim-wifi-password" });
  const { buildId } = await startBuild(db.prisma, { project, generator: "templates" });
  const job = await db.prisma.job.findFirstOrThrow({ where: { buildId } });
  const { runId } = await startSimulation(db.prisma, null, { project, durationMs: 5_000 });
  return { projectId: project.id, buildId, jobId: job.id, runId };
}

type Gate = Meta["gate"];
const gatedInput: Record<Exclude<Gate, "none" | "owner">, (w: Awaited<ReturnType<typeof ownedWorld>>) => object> = {
  project: (w) => ({ projectId: w.projectId }),
  "project-id": (w) => ({ id: w.projectId }),
  build: (w) => ({ buildId: w.buildId }),
  job: (w) => ({ jobId: w.jobId }),
  run: (w) => ({ runId: w.runId }),
};

/** Procedures that take no project: what each may show another owner. */
const ungated: Record<string, (call: (input?: unknown) => Promise<unknown>, victim: string) => Promise<void>> = {
  "boards.list": async (call) => expect((await call()) as unknown[]).not.toHaveLength(0),
  "boards.get": async (call) => expect(await call({ id: "lm3s6965evb" })).toMatchObject({ id: "lm3s6965evb" }),
  "workers.list": async (call) => {
    for (const worker of (await call()) as object[]) expect(worker).not.toHaveProperty("id");
  },
  "project.list": async (call, victim) =>
    expect(((await call()) as { id: string }[]).map((p) => p.id)).not.toContain(victim),
  "project.create": async (call) => expect(await call({ name: "mine" })).toHaveProperty("id"),
  "diagnostics.start": async (call) => expect(await call()).toHaveProperty("jobId"),
  // A copy of a gallery example, owned by the caller; a project's id is no example id, so nothing else is copied.
  "project.createFromExample": async (call, victim) => {
    await expect(call({ exampleId: victim })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { id } = (await call({ exampleId: "cold-chain" })) as { id: string };
    const [made, theirs] = await Promise.all(
      [id, victim].map((projectId) => db.prisma.project.findUniqueOrThrow({ where: { id: projectId } })),
    );
    expect(made.ownerId).not.toBe(theirs!.ownerId);
    expect(await db.prisma.project.count({ where: { ownerId: theirs!.ownerId } })).toBe(1);
    expect(made).toMatchObject({ name: "Cold chain", revision: 1 });
  },
  // The same public gallery for everyone: summaries only, nothing of anyone's projects.
  "examples.list": async (call, victim) => {
    const listed = (await call()) as object[];
    expect(listed.length).toBeGreaterThanOrEqual(3);
    for (const example of listed) expect(example).not.toHaveProperty("spec");
    expect(JSON.stringify(listed)).not.toMatch(new RegExp(`${victim}|Victim`));
  },
  // Its projectId is optional: another owner's is refused like any gated id, none proposes from scratch.
  "design.parse": async (call, victim) => {
    const text = "two temperature sensors and a gateway";
    const refused = await call({ projectId: victim, text }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
    expect((refused as Error).message).not.toContain("Victim");
    const fresh = (await call({ text })) as { spec: { name: string; nodes: { id: string }[] } };
    expect(fresh.spec.name).not.toBe("Victim");
    expect(fresh.spec.nodes.map((n) => n.id)).not.toContain("n1");
  },
  // They take a link's token, not a project id: a wrong one opens nothing, a real one exactly its project.
  "share.open": async (call, victim) => {
    await expect(call({ token: "not-a-link" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { token } = await shareVictim(victim);
    expect(await call({ token })).toEqual({ projectId: victim, name: "Victim", allowFirmware: false });
  },
  "share.fork": async (call, victim) => {
    await expect(call({ token: "not-a-link" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { token } = await shareVictim(victim);
    const { id } = (await call({ token })) as { id: string };
    expect(id).not.toBe(victim);
    expect(await db.prisma.secret.count({ where: { projectId: id } })).toBe(0);
  },
};

async function shareVictim(projectId: string) {
  const project = await db.prisma.project.findUniqueOrThrow({ where: { id: projectId } });
  return createShareLink(db.prisma, { project, allowFirmware: false });
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>);

function invoke(caller: Caller, name: string, input?: unknown): Promise<unknown> {
  const api = createCaller({ prisma: db.prisma, caller }) as unknown as Record<
    string,
    Record<string, (i?: unknown) => Promise<unknown>>
  >;
  const [router, procedure] = name.split(".");
  return api[router][procedure](input);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-owners-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the ownership gate, for every procedure of the router", () => {
  it("has procedures to check, each declaring its gate", () => {
    expect(procedures.length).toBeGreaterThan(20);
    for (const [name, procedure] of procedures) expect(procedure._def.meta?.gate, name).toBeDefined();
  });

  it.each(procedures)("%s shows another owner nothing of a project that is not theirs", async (name, procedure) => {
    const gate = procedure._def.meta!.gate;
    const victim = await newCaller(db.prisma);
    const outsider = await newCaller(db.prisma);
    const world = await ownedWorld(victim);
    if (gate === "none" || gate === "owner") {
      expect(ungated[name], `${name} takes no project: list it in \`ungated\` with what it may show`).toBeDefined();
      await ungated[name]((input) => invoke(outsider, name, input), world.projectId);
      return;
    }
    const input = gatedInput[gate](world);
    const refused = await invoke(outsider, name, input).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("NOT_FOUND");
    expect((refused as TRPCError).message).not.toContain("Victim");
    // Nothing of the victim's changed.
    const project = await db.prisma.project.findUnique({ where: { id: world.projectId } });
    expect(project).toMatchObject({ revision: 1, name: "Victim" });
    expect(await db.prisma.secret.count({ where: { projectId: world.projectId } })).toBe(1);
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: world.jobId } })).cancelRequested).toBe(false);

    // The owner passes the same gate: whatever happens next, it is not "not yours".
    const owner = await invoke(victim, name, input).then(
      () => null,
      (error: unknown) => error,
    );
    if (owner) expect((owner as TRPCError).message).not.toMatch(/not yours/);
  });
});

describe("artifact downloads", () => {
  it("serve the owner's cookie only; another owner's cookie or none gets 404", async () => {
    process.env.DATA_DIR = dir;
    const victim = await newCaller(db.prisma);
    const outsider = await newCaller(db.prisma);
    const world = await ownedWorld(victim);
    const image = Buffer.from("firmware with victim-wifi-password inside");
    const sha256 = "a".repeat(64);
    await db.prisma.artifact.create({
      data: { sha256, size: image.length, contentType: "application/octet-stream", data: image },
    });
    await db.prisma.buildArtifact.create({
      data: { buildId: world.buildId, nodeId: "n1", kind: "bin", name: "n1.bin", sha256, size: image.length },
    });
    // The route's process-wide database is this test's (two PGlite instances must never share a directory).
    (globalThis as { swarmDb?: Promise<Database> }).swarmDb = Promise.resolve(db);
    const { GET } = await import("@/app/api/builds/[buildId]/[nodeId]/[kind]/route");
    const fetchAs = (owner: Caller | null) =>
      GET(
        new Request(`http://app.test/api/builds/${world.buildId}/n1/bin`, {
          headers: owner ? { cookie: `swarm_owner=${signOwnerId(owner.ownerId)}` } : {},
        }),
        { params: Promise.resolve({ buildId: world.buildId, nodeId: "n1", kind: "bin" }) },
      );
    const mine = await fetchAs(victim);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(image);
    for (const stranger of [outsider, null]) {
      const response = await fetchAs(stranger);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("victim-wifi-password");
    }
  });
});
