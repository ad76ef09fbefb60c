import { describe, expect, it } from "vitest";
import { REDACTED, createRedactor, redactDeep } from "./redact";

describe("createRedactor", () => {
  it("replaces every secret inside nested values, raw and JSON-escaped", () => {
    const redact = createRedactor(["AKIAEXAMPLEKEY", { node1: 'pa"ss\\word-1', node2: "second-secret" }, undefined]);
    expect(redact("key=AKIAEXAMPLEKEY twice AKIAEXAMPLEKEY")).toBe(`key=${REDACTED} twice ${REDACTED}`);
    expect(redact('+ password = "pa\\"ss\\\\word-1"')).toBe(`+ password = "${REDACTED}"`);
    expect(redact("node2 second-secret")).toBe(`node2 ${REDACTED}`);
  });

  it("replaces a secret containing another one whole", () => {
    const redact = createRedactor(["abcd", "abcdefgh-long"]);
    expect(redact("abcdefgh-long and abcd")).toBe(`${REDACTED} and ${REDACTED}`);
  });

  it("redacts each line of a multi-line secret, as terraform prints heredocs line by line", () => {
    const redact = createRedactor(["-----BEGIN KEY-----\nMIIEvQIBADANBgkq\n-----END KEY-----"]);
    expect(redact("    MIIEvQIBADANBgkq")).toBe(`    ${REDACTED}`);
  });

  it("leaves text alone when there are no secrets, and ignores values too short to be credentials", () => {
    expect(createRedactor([])("Apply complete!")).toBe("Apply complete!");
    expect(createRedactor(["", "a", 1])("a 1 Apply")).toBe("a 1 Apply");
  });
});

describe("redactDeep", () => {
  it("redacts strings at any depth and keeps the shape and other values", () => {
    const redact = createRedactor(["hunter2-secret"]);
    expect(redactDeep({ a: "x hunter2-secret", b: [1, "hunter2-secret"], c: { d: true } }, redact)).toEqual({
      a: `x ${REDACTED}`,
      b: [1, REDACTED],
      c: { d: true },
    });
  });
});
