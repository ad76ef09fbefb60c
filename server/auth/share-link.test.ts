import { describe, expect, it } from "vitest";
import { AppError } from "../../contracts/errors";
import type { PrismaClient, Project, ShareLink } from "../generated/prisma/client";
import { assertShareableJob, hashShareToken, newShareToken, shareUrl, viewerOf } from "./share-link";

const project = { id: "p1", ownerId: "owner" } as Project;
const link = (over: Partial<ShareLink> = {}): ShareLink => ({
  id: "l1",
  projectId: "p1",
  tokenHash: hashShareToken("tok"),
  allowFirmware: false,
  createdAt: new Date(),
  revokedAt: null,
  ...over,
});
/** A database holding just these links, looked up by the token's hash as the gate does. */
const withLinks = (...links: ShareLink[]) =>
  ({
    shareLink: {
      findUnique: async ({ where }: { where: { tokenHash: string } }) =>
        links.find((l) => l.tokenHash === where.tokenHash) ?? null,
    },
  }) as unknown as PrismaClient;
const notFound = () => new AppError("NOT_FOUND", "No project p1: it does not exist, or it is not yours.");
const outsider = { ownerId: "someone" };

describe("share tokens", () => {
  it("are 256 random bits in base64url, stored only as their sha256", () => {
    const token = newShareToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(newShareToken()).not.toBe(token);
    expect(hashShareToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashShareToken(token)).not.toContain(token);
    expect(shareUrl(token)).toBe(`/s/${token}`);
  });
});

describe("viewerOf", () => {
  it("lets the owner through without a link", async () => {
    expect(await viewerOf(withLinks(), { ownerId: "owner" }, project, undefined, notFound)).toBe("owner");
  });

  it("lets a live link to this project read, and only read", async () => {
    const prisma = withLinks(link());
    expect(await viewerOf(prisma, outsider, project, { token: "tok", readable: true }, notFound)).toBe("share");
    await expect(
      viewerOf(prisma, outsider, project, { token: "tok", readable: false }, notFound),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/read-only/) });
  });

  it("says a revoked link was revoked, and treats a link to another project or no link as not found", async () => {
    const revoked = withLinks(link({ revokedAt: new Date() }));
    await expect(
      viewerOf(revoked, outsider, project, { token: "tok", readable: true }, notFound),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "This link was revoked by its owner." });
    const elsewhere = withLinks(link({ projectId: "p2" }));
    await expect(
      viewerOf(elsewhere, outsider, project, { token: "tok", readable: true }, notFound),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const token of [null, "", "other", "x".repeat(500)])
      await expect(
        viewerOf(withLinks(link()), null, project, { token, readable: true }, notFound),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("assertShareableJob", () => {
  it("shows a link holder builds and simulations, not other jobs; the owner everything", () => {
    for (const kind of ["build-node", "simulate-swarm"])
      expect(assertShareableJob({ id: "j", kind }, "share")).toEqual({ id: "j", kind });
    expect(() => assertShareableJob({ id: "j", kind: "deploy" }, "share")).toThrow(/No job j/);
    expect(assertShareableJob({ id: "j", kind: "deploy" }, "owner")).toEqual({ id: "j", kind: "deploy" });
  });
});
