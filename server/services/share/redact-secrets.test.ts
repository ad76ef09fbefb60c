import { tracked } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { REDACTED, redactValues } from "./redact-secrets";

describe("redactValues", () => {
  const secrets = ["hunter22-long", "hunter22"];

  it("replaces every secret in every string, deep, longest first", () => {
    const answer = { nodes: [{ console: "pw=hunter22-long; again hunter22\n", n: 3, ok: true, none: null }] };
    expect(redactValues(answer, secrets)).toEqual({
      nodes: [{ console: `pw=${REDACTED}; again ${REDACTED}\n`, n: 3, ok: true, none: null }],
    });
    expect(answer.nodes[0].console).toContain("hunter22"); // the input is not changed
  });

  it("keeps untouched values as they are, dates and tracked events included", () => {
    const clean = { at: new Date(0), text: "nothing here" };
    expect(redactValues(clean, secrets)).toBe(clean);
    const event = tracked("7", { raw: "hunter22" });
    const redacted = redactValues(event, secrets);
    expect(redacted[0]).toBe("7");
    expect(redacted[1]).toEqual({ raw: REDACTED });
    expect(redacted[2]).toBe(event[2]);
    const withDate = redactValues({ at: new Date(5), raw: "hunter22" }, secrets);
    expect(withDate.at).toBeInstanceOf(Date);
  });

  it("is the identity without secrets", () => {
    const value = { raw: "hunter22" };
    expect(redactValues(value, [])).toBe(value);
  });
});
