import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isHttps, readCookie, signOwnerId, verifyOwnerCookie } from "./owner-cookie";

const key = randomBytes(32);

describe("owner cookie", () => {
  it("verifies what it signed and nothing else", () => {
    const value = signOwnerId("cmowner123", key);
    expect(verifyOwnerCookie(value, key)).toBe("cmowner123");
    expect(verifyOwnerCookie(value, randomBytes(32))).toBeNull();
    expect(verifyOwnerCookie(value.replace("cmowner123", "cmowner124"), key)).toBeNull();
    expect(verifyOwnerCookie("cmowner123", key)).toBeNull();
    expect(verifyOwnerCookie(undefined, key)).toBeNull();
  });

  it("reads one cookie out of a header", () => {
    expect(readCookie("a=1; swarm_owner=x.y=z; b=2", "swarm_owner")).toBe("x.y=z");
    expect(readCookie(null, "swarm_owner")).toBeUndefined();
  });

  it("knows HTTPS directly and behind a proxy", () => {
    expect(isHttps(new Request("https://app.example/"))).toBe(true);
    expect(isHttps(new Request("http://app/", { headers: { "x-forwarded-proto": "https" } }))).toBe(true);
    expect(isHttps(new Request("http://127.0.0.1:3000/"))).toBe(false);
  });
});
