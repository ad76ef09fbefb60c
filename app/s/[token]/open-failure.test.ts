import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { describeOpenFailure } from "./open-failure";

const refused = (code: string, message: string) =>
  TRPCClientError.from({ error: { message, code: -32000, data: { code, httpStatus: 403 } } });

describe("describeOpenFailure", () => {
  it("a revoked link says so, with the server's words", () => {
    const failure = describeOpenFailure(refused("FORBIDDEN", "This link was revoked by its owner."));
    expect(failure.kind).toBe("revoked");
    expect(failure.title).toBe("This link was revoked");
    expect(failure.message).toContain("This link was revoked by its owner.");
  });

  it("an unknown link is not found, with how to check the address", () => {
    const failure = describeOpenFailure(refused("NOT_FOUND", "No such link."));
    expect(failure).toMatchObject({ kind: "not-found", title: "This link does not exist" });
    expect(failure.message).toMatch(/\/s\//);
  });

  it("anything else (the server unreachable) keeps its own message", () => {
    expect(describeOpenFailure(new Error("Failed to fetch"))).toEqual({
      kind: "error",
      title: "This link could not be opened",
      message: "Failed to fetch",
    });
  });
});
