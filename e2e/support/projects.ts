/** Project setup over tRPC's plain-JSON HTTP API, for specs that test a later stage. */
import { expect, type APIRequestContext } from "@playwright/test";

export async function call<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, { data: input });
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true);
  return (await response.json()).result.data as T;
}

export async function query<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true);
  return (await response.json()).result.data as T;
}

export interface TestNode {
  id: string;
  name: string;
  board: string;
  /** "sensor" unless set; an actuator node also needs `actuators`. */
  role?: "sensor" | "actuator" | "gateway";
  actuators?: { id: string; type: string }[];
  /** The node's `expect` items, checked by a simulation. */
  expect?: string[];
  /** 10 s unless set. */
  telemetryIntervalMs?: number;
}

/** A project whose spec holds `nodes`, each with a temperature sensor (and what else each node sets). */
export async function createProject(request: APIRequestContext, name: string, nodes: TestNode[]): Promise<string> {
  const { id } = await call<{ id: string }>(request, "project.create", { name });
  const spec = {
    version: 1,
    name,
    description: "",
    network: {},
    nodes: nodes.map(
      ({ role = "sensor", actuators = [], expect = [], telemetryIntervalMs = 10_000, ...node }, index) => ({
        ...node,
        role,
        behavior: `Read the temperature and report it every ${telemetryIntervalMs / 1000} s.`,
        sensors: [{ id: "temperature", type: "temperature", unit: "C" }],
        actuators,
        telemetry: { intervalMs: telemetryIntervalMs, fields: ["temperature"] },
        expect,
        position: { x: index * 280, y: 0 },
      }),
    ),
    links: [],
    rules: [],
  };
  await call(request, "spec.update", { projectId: id, spec });
  return id;
}

interface BuildInfo {
  id: string;
  status: string;
  nodes: { nodeId: string; status: string; error: string | null; artifacts: { kind: string; size: number }[] }[];
}

/** Starts a build with the offline templates and waits until it finishes; returns it. */
export async function buildProject(request: APIRequestContext, projectId: string): Promise<BuildInfo> {
  const { buildId } = await call<{ buildId: string }>(request, "build.start", { projectId, generator: "templates" });
  let build: BuildInfo | undefined;
  await expect
    .poll(
      async () => {
        build = await query<BuildInfo>(request, "build.get", { buildId });
        return build.status;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toMatch(/^(succeeded|failed|cancelled)$/);
  expect(build!.status, JSON.stringify(build!.nodes.map((node) => node.error))).toBe("succeeded");
  return build!;
}

/** The newest build of a project, as build.get returns it. */
export async function latestBuild(request: APIRequestContext, projectId: string): Promise<BuildInfo> {
  const [newest] = await query<{ id: string }[]>(request, "build.list", { projectId });
  return query<BuildInfo>(request, "build.get", { buildId: newest.id });
}
