/**
 * Share links against the whole router, enumerated from the router itself: an outsider holding only a
 * valid link can read exactly the `share: "read"` procedures of that one project, and every mutation is
 * refused with nothing of the owner's changed. Revoked links die; a link opens one project; a fork is the
 * holder's own copy without secrets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { createOwnedProject, newCaller } from "../../test/support/owners";
import { deployLocally, startTestBroker } from "../../test/support/test-broker";
import type { Caller } from "../auth/resolve-owner";
import type { SwarmBroker } from "../broker/swarm-broker";
import { connectDatabase, type Database } from "../db/connect";
import { openDeploymentSecrets } from "../deploy/deployment-secrets";
import { stopLocalAggregator } from "../deploy/local-aggregators";
import { appendJobEvents } from "../queue/events";
import { startBuild } from "../services/build/start-build";
import { setSecret } from "../services/secrets/set-secret";
import { createShareLink } from "../services/share/create-share-link";
import { startSimulation } from "../services/simulate/start-simulation";
import { appRouter } from "./root";
import { createCallerFactory, type Meta } from "./trpc";
import { sensorNode } from "@/test/support/spec-nodes";

let db: Database;
let dir: string;
let broker: SwarmBroker;
const deployed: string[] = [];
const createCaller = createCallerFactory(appRouter);

const node = (id: string) => sensorNode(id);

/** The owner's deployed project with a secret, a build, a run and a live link; an outsider holds the link. */
async function sharedWorld() {
  const owner = await newCaller(db.prisma);
  const outsider = await newCaller(db.prisma);
  const project = await createOwnedProject(
    db.prisma,
    { name: "Shared", spec: { ...emptySpec("Shared"), nodes: [node("n1")] } },
    owner,
  );
  await setSecret(db.prisma, { project, name: "WIFI_PASSWORD", value: "owner-wifi-password" });
  await deployLocally(db, broker, project);
  deployed.push(project.id);
  const { buildId } = await startBuild(db.prisma, { project, generator: "templates" });
  const job = await db.prisma.job.findFirstOrThrow({ where: { buildId } });
  const { runId } = await startSimulation(db.prisma, null, { project, durationMs: 5_000 });
  const link = await createShareLink(db.prisma, { project, allowFirmware: true });
  return { owner, outsider, projectId: project.id, buildId, jobId: job.id, runId, token: link.token, linkId: link.id };
}
type World = Awaited<ReturnType<typeof sharedWorld>>;

type Procedure = { _def: { meta?: Meta; type: "query" | "mutation" | "subscription" } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
const gated = procedures.filter(([, p]) => !["none", "owner"].includes(p._def.meta!.gate));
const readable = gated.filter(([, p]) => p._def.meta?.share === "read");

/** What a link may read: changing this list is a decision, so it is spelled out. */
const expectedReadable = [
  "project.get",
  "spec.get",
  "spec.revisions",
  "spec.diff",
  "jobs.get",
  "jobs.events",
  "build.get",
  "build.list",
  "build.events",
  "simulate.get",
  "simulate.list",
  "simulate.events",
  "deploy.get",
  "telemetry.latest",
  "telemetry.history",
  "telemetry.stream",
  "alerts.list",
];

const gateInput: Record<string, (w: World) => object> = {
  project: (w) => ({ projectId: w.projectId }),
  "project-id": (w) => ({ id: w.projectId }),
  build: (w) => ({ buildId: w.buildId }),
  job: (w) => ({ jobId: w.jobId }),
  run: (w) => ({ runId: w.runId }),
};
/** The rest of a valid input, for procedures that take more than their gate's id. */
const extraInput: Record<string, object> = {
  "spec.diff": { from: 1 },
  "jobs.events": { lastEventId: null },
  "simulate.events": { lastEventId: null },
  "alerts.list": {},
  "telemetry.history": {
    nodeId: "n1",
    field: "temperature",
    from: new Date(Date.now() - 3_600_000).toISOString(),
    to: new Date().toISOString(),
  },
};
const inputOf = (name: string, w: World) => ({
  ...gateInput[(procedures.find(([n]) => n === name)![1] as Procedure)._def.meta!.gate](w),
  ...extraInput[name],
});

function invoke(caller: Caller, share: string | null, name: string, input?: unknown): Promise<unknown> {
  const api = createCaller({ prisma: db.prisma, caller, share }) as unknown as Record<
    string,
    Record<string, (i?: unknown) => Promise<unknown>>
  >;
  const [router, procedure] = name.split(".");
  return api[router][procedure](input);
}
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as TRPCError,
  );

/** Everything a mutation could have changed, to compare before and after. */
async function snapshot(projectId: string) {
  const [project, secrets, links, builds, jobs, deployment, firmware] = await Promise.all([
    db.prisma.project.findUniqueOrThrow({ where: { id: projectId } }),
    db.prisma.secret.findMany({ where: { projectId }, orderBy: { name: "asc" } }),
    db.prisma.shareLink.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
    db.prisma.build.count({ where: { projectId } }),
    db.prisma.job.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
    db.prisma.deployment.findUnique({ where: { projectId } }),
    db.prisma.firmwareSource.count({ where: { projectId } }),
  ]);
  return {
    project: [project.name, project.revision, project.spec],
    secrets: secrets.map((s) => [s.name, Buffer.from(s.ciphertext).toString("hex")]),
    links: links.map((l) => [l.id, l.revokedAt]),
    builds,
    jobs: jobs.map((j) => [j.id, j.status, j.cancelRequested]),
    deployment: deployment && [deployment.status, deployment.updatedAt.toISOString()],
    firmware,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-share-"));
  process.env.DATA_DIR = dir;
  db = await connectDatabase({ dataDir: dir });
  broker = await startTestBroker(db);
});

afterAll(async () => {
  for (const projectId of deployed) await stopLocalAggregator(projectId);
  await broker?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a share link, for every gated procedure of the router", () => {
  it("lets a link read exactly the listed queries and subscriptions, never a mutation", () => {
    expect(readable.map(([name]) => name).sort()).toEqual([...expectedReadable].sort());
    for (const [name, procedure] of readable) expect(procedure._def.type, name).not.toBe("mutation");
  });

  it.each(gated.filter(([, p]) => p._def.type === "mutation"))(
    "%s refuses a link holder and changes nothing",
    async (name) => {
      const world = await sharedWorld();
      const before = await snapshot(world.projectId);
      const refused = await failure(invoke(world.outsider, world.token, name, inputOf(name, world)));
      expect(refused).toBeInstanceOf(TRPCError);
      expect(["FORBIDDEN", "NOT_FOUND"]).toContain(refused!.code);
      expect(await snapshot(world.projectId)).toEqual(before);
    },
  );

  it.each(readable)("%s answers a link holder", async (name, procedure) => {
    const world = await sharedWorld();
    const result = await invoke(world.outsider, world.token, name, inputOf(name, world));
    if (procedure._def.type === "subscription") {
      // The gate let it through; close the stream without waiting for live events.
      await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
    } else {
      expect(result).toBeDefined();
    }
    // Without the token the same outsider sees nothing.
    expect(await failure(invoke(world.outsider, null, name, inputOf(name, world)))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("link lifecycle", () => {
  it("a revoked link answers that it was revoked, on reads and on opening", async () => {
    const world = await sharedWorld();
    expect(await invoke(world.outsider, world.token, "spec.get", { projectId: world.projectId })).toHaveProperty(
      "spec",
    );
    await invoke(world.owner, null, "share.revoke", { projectId: world.projectId, linkId: world.linkId });
    for (const [name, input] of [
      ["spec.get", { projectId: world.projectId }],
      ["build.get", { buildId: world.buildId }],
      ["share.open", { token: world.token }],
      ["share.fork", { token: world.token }],
    ] as const) {
      const refused = await failure(invoke(world.outsider, world.token, name, input));
      expect(refused, name).toMatchObject({ code: "FORBIDDEN", message: "This link was revoked by its owner." });
    }
    const links = (await invoke(world.owner, null, "share.list", { projectId: world.projectId })) as {
      id: string;
      revokedAt: Date | null;
    }[];
    expect(links.find((l) => l.id === world.linkId)?.revokedAt).toBeInstanceOf(Date);
  });

  it("a link to one project opens no other, not even the same owner's", async () => {
    const world = await sharedWorld();
    const other = await createOwnedProject(db.prisma, { name: "Other", spec: emptySpec("Other") }, world.owner);
    const { buildId } = await startBuild(db.prisma, {
      project: await db.prisma.project.update({
        where: { id: other.id },
        data: { spec: { ...emptySpec("Other"), nodes: [node("n9")] } },
      }),
      generator: "templates",
    });
    for (const [name, input] of [
      ["spec.get", { projectId: other.id }],
      ["project.get", { id: other.id }],
      ["build.get", { buildId }],
      ["build.list", { projectId: other.id }],
    ] as const) {
      const refused = await failure(invoke(world.outsider, world.token, name, input));
      expect(refused, name).toMatchObject({ code: "NOT_FOUND" });
      expect(refused!.message).not.toContain("Other");
    }
  });

  it("only the owner makes, lists and revokes links; the URL carries a 256-bit token shown once", async () => {
    const world = await sharedWorld();
    const made = (await invoke(world.owner, null, "share.create", {
      projectId: world.projectId,
      allowFirmware: false,
    })) as { id: string; token: string; url: string };
    expect(made.url).toBe(`/s/${made.token}`);
    expect(Buffer.from(made.token, "base64url")).toHaveLength(32);
    const listed = (await invoke(world.owner, null, "share.list", { projectId: world.projectId })) as object[];
    expect(listed).toContainEqual(
      expect.objectContaining({ id: made.id, url: null, allowFirmware: false, revokedAt: null }),
    );
    expect(JSON.stringify(listed)).not.toContain(made.token);
    const stored = await db.prisma.shareLink.findUniqueOrThrow({ where: { id: made.id } });
    expect(JSON.stringify(stored)).not.toContain(made.token);
    expect(await invoke(world.outsider, null, "share.open", { token: made.token })).toEqual({
      projectId: world.projectId,
      name: "Shared",
      allowFirmware: false,
    });
  });
});

describe("secrets a firmware or an error let out", () => {
  it("reach the owner as they are and a link holder as ••••, in answers and in streams", async () => {
    const world = await sharedWorld();
    const deployment = await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: world.projectId } });
    const mqttPassword = openDeploymentSecrets(deployment.credentials!).nodes.n1.password;
    const line = `wifi=owner-wifi-password mqtt=${mqttPassword}`;
    await appendJobEvents(db.prisma, world.runId, [
      { type: "console", nodeId: "n1", data: { lines: [{ firmwareMs: 1, raw: line }] } },
    ]);
    await db.prisma.job.update({ where: { id: world.jobId }, data: { error: `login ${mqttPassword} refused` } });

    const owned = (await invoke(world.owner, null, "simulate.get", { runId: world.runId })) as {
      nodes: { console: string }[];
    };
    expect(owned.nodes[0].console).toContain(line);
    const shared = JSON.stringify([
      await invoke(world.outsider, world.token, "simulate.get", { runId: world.runId }),
      await invoke(world.outsider, world.token, "jobs.get", { jobId: world.jobId }),
      await invoke(world.outsider, world.token, "build.get", { buildId: world.buildId }),
    ]);
    const stream = (
      (await invoke(world.outsider, world.token, "simulate.events", {
        runId: world.runId,
        lastEventId: null,
      })) as AsyncIterable<unknown>
    )[Symbol.asyncIterator]();
    // The log replays from the start: "queued", then the console line.
    let consoleEvent = "";
    while (!consoleEvent.includes('"console"')) consoleEvent = JSON.stringify((await stream.next()).value);
    await stream.return?.();
    for (const text of [shared, consoleEvent]) {
      expect(text).toContain("wifi=••••");
      expect(text).not.toContain("owner-wifi-password");
      expect(text).not.toContain(mqttPassword);
    }
    expect(shared).toContain("login •••• refused");
  });
});

describe("fork through a link", () => {
  it("copies the spec into the holder's own projects without the secrets; editing it leaves the original", async () => {
    const world = await sharedWorld();
    const original = await snapshot(world.projectId);
    const { id } = (await invoke(world.outsider, world.token, "share.fork", { token: world.token })) as { id: string };
    expect(id).not.toBe(world.projectId);
    const fork = await db.prisma.project.findUniqueOrThrow({ where: { id } });
    expect(fork.ownerId).toBe(world.outsider.ownerId);
    expect((fork.spec as SystemSpec).nodes).toEqual([node("n1")]);
    expect(await db.prisma.secret.count({ where: { projectId: id } })).toBe(0);

    const { spec, revision } = (await invoke(world.outsider, null, "spec.get", { projectId: id })) as {
      spec: SystemSpec;
      revision: number;
    };
    await invoke(world.outsider, null, "spec.update", {
      projectId: id,
      baseRevision: revision,
      spec: { ...spec, nodes: [{ ...spec.nodes[0], name: "Forked probe" }, node("n2")] },
    });
    expect(((await db.prisma.project.findUniqueOrThrow({ where: { id } })).spec as SystemSpec).nodes).toHaveLength(2);
    expect(await snapshot(world.projectId)).toEqual(original);
    // The fork is the outsider's: the link's owner cannot see it.
    expect(await failure(invoke(world.owner, null, "spec.get", { projectId: id }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
