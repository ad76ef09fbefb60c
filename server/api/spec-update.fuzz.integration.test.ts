/**
 * Property-based fuzzing of spec.update through the router, as a client calls it: arbitrary JSON and
 * valid specs with one part mutated. Whatever arrives, the answer is a saved revision or a 4xx a person
 * can act on, never INTERNAL_SERVER_ERROR, and every call finishes (fast-check fails a run over its timeout).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec, type SystemSpec } from "../../contracts/spec/schema";
import { createOwnedProject, newCaller } from "../../test/support/owners";
import { connectDatabase, type Database } from "../db/connect";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

let db: Database;
let dir: string;
let update: (input: unknown) => Promise<unknown>;
let projectId: string;

const valid: SystemSpec = {
  ...emptySpec("Fuzzed"),
  network: { wifi: { ssid: "farm", passwordSecret: "WIFI_PASSWORD" }, mqtt: { port: 1883 } },
  nodes: ["a", "b"].map((id, index) => ({
    id,
    name: `Node ${id}`,
    board: "lm3s6965evb",
    role: "sensor" as const,
    behavior: "Report the temperature.",
    sensors: [{ id: "temperature", type: "temperature", unit: "C" }],
    actuators: [],
    telemetry: { intervalMs: 1000, fields: ["temperature"] },
    expect: ["@t temperature"],
    position: { x: index * 100, y: 0 },
  })),
  links: [{ from: "a", to: "b" }],
  rules: [{ when: "a.temperature > 30", then: "alert" }],
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-fuzz-spec-"));
  db = await connectDatabase({ dataDir: dir });
  const caller = await newCaller(db.prisma);
  projectId = (await createOwnedProject(db.prisma, { name: "Fuzzed", spec: valid }, caller)).id;
  const api = createCallerFactory(appRouter)({ prisma: db.prisma, caller });
  update = (input) => api.spec.update(input as Parameters<typeof api.spec.update>[0]);
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Saved, or refused with a code a person can act on and a message saying what is wrong. */
async function expectHandled(input: unknown) {
  try {
    await update(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    const { code, message } = error as TRPCError;
    expect(code, message).not.toBe("INTERNAL_SERVER_ERROR");
    expect(["BAD_REQUEST", "CONFLICT", "NOT_FOUND"]).toContain(code);
    expect(message.length).toBeGreaterThan(0);
  }
}

type Path = (string | number)[];

/** Every path into a JSON value: where a mutation can strike. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])),
  ];
}

function withAt(root: unknown, at: Path, replace: (old: unknown) => unknown): unknown {
  if (at.length === 0) return replace(root);
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = at;
  copy[head] = withAt(copy[head], rest, replace);
  return copy;
}

const specPaths = pathsOf(valid);
const oddValues = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, "", "x".repeat(5_000), -1, 1e308, Number.NaN, Infinity, [], {}, "__proto__", "../../etc"),
  fc.string({ unit: "binary", maxLength: 200 }),
);
/** A valid spec with one value replaced, dropped, or one unknown key added. */
const mutatedSpec = fc.oneof(
  fc.tuple(fc.constantFrom(...specPaths), oddValues).map(([at, value]) => withAt(valid, at, () => value)),
  fc
    .tuple(fc.constantFrom(...specPaths), fc.string({ maxLength: 20 }), fc.jsonValue())
    .map(([at, key, value]) =>
      withAt(valid, at, (old) =>
        old && typeof old === "object" && !Array.isArray(old) ? { ...old, [key]: value } : old,
      ),
    ),
  fc.tuple(fc.constantFrom(...specPaths.filter((p) => p.length > 0))).map(([at]) =>
    withAt(valid, at.slice(0, -1), (parent) => {
      if (Array.isArray(parent)) return parent.filter((_, index) => index !== at.at(-1));
      const { [at.at(-1) as string]: _dropped, ...rest } = parent as Record<string, unknown>;
      return rest;
    }),
  ),
);

describe("spec.update under fuzzing", () => {
  it("answers arbitrary JSON inputs with a saved revision or a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ projectId: fc.constant(projectId), spec: fc.jsonValue() }),
          fc.record({ projectId: fc.constant(projectId), spec: fc.jsonValue(), baseRevision: fc.jsonValue() }),
        ),
        expectHandled,
      ),
      { numRuns: 200, timeout: 5_000 },
    );
  }, 60_000);

  it("answers valid specs with one part mutated with a saved revision or a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSpec, (spec) => expectHandled({ projectId, spec })),
      { numRuns: 300, timeout: 5_000 },
    );
    // The mutations reached the database, not only the schema: some were valid and saved.
    const { revision } = await db.prisma.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(revision).toBeGreaterThan(10);
  }, 60_000);
});
