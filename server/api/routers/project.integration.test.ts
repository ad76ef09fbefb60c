import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwnedProject, newCaller } from "../../../test/support/owners";
import { connectDatabase, type Database } from "../../db/connect";
import { appRouter } from "../root";
import { createCallerFactory } from "../trpc";

let db: Database;
let dir: string;
const createCaller = createCallerFactory(appRouter);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-project-router-"));
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("project names", () => {
  it("refuses a NUL character with a reason, on create and on rename, and keeps the saved name", async () => {
    const caller = await newCaller(db.prisma);
    const api = createCaller({ prisma: db.prisma, caller });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => error,
      );

    const created = await refusal(api.project.create({ name: "Green\u0000house" }));
    expect(created).toBeInstanceOf(TRPCError);
    expect((created as TRPCError).code).toBe("BAD_REQUEST");
    expect((created as TRPCError).message).toContain("a name cannot contain a NUL character");

    const project = await createOwnedProject(db.prisma, { name: "Greenhouse" }, caller);
    const renamed = await refusal(api.project.rename({ id: project.id, name: "\u0000" }));
    expect((renamed as TRPCError).code).toBe("BAD_REQUEST");
    expect((await db.prisma.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe("Greenhouse");
  });
});
