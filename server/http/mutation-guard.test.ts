import { describe, expect, it } from "vitest";
import { refuseForeignMutation } from "./mutation-guard";

const post = (headers: Record<string, string>, url = "http://localhost:3000/api/trpc/spec.update") =>
  new Request(url, { method: "POST", headers: { host: new URL(url).host, ...headers }, body: "{}" });

async function refused(request: Request, publicUrl?: string) {
  const response = refuseForeignMutation(request, publicUrl);
  return response && { status: response.status, ...((await response.json()) as { error: object }).error };
}

describe("refuseForeignMutation", () => {
  it("lets the app's own JSON calls through, with or without an Origin", async () => {
    expect(await refused(post({ "content-type": "application/json", origin: "http://localhost:3000" }))).toBeNull();
    expect(await refused(post({ "content-type": "application/json; charset=utf-8" }))).toBeNull();
    expect(await refused(post({ "content-type": "application/json", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("accepts the public address and a proxy's forwarded host", async () => {
    const behindProxy = post({
      "content-type": "application/json",
      origin: "https://swarm.example.org",
      "x-forwarded-host": "swarm.example.org",
    });
    expect(await refused(behindProxy)).toBeNull();
    const viaPublicUrl = post({ "content-type": "application/json", origin: "https://swarm.example.org" });
    expect(await refused(viaPublicUrl, "https://swarm.example.org")).toBeNull();
  });

  it("refuses another site's Origin, a null Origin and Sec-Fetch-Site: cross-site with 403", async () => {
    expect(await refused(post({ "content-type": "application/json", origin: "https://evil.example" }))).toEqual({
      status: 403,
      code: "FOREIGN_ORIGIN",
      message: "Changes are only accepted from pages of this app, not from https://evil.example.",
    });
    expect(await refused(post({ "content-type": "application/json", origin: "null" }))).toMatchObject({
      status: 403,
    });
    expect(await refused(post({ "content-type": "application/json", origin: "http://localhost:3001" }))).toMatchObject({
      status: 403,
    });
    expect(await refused(post({ "content-type": "application/json", "sec-fetch-site": "cross-site" }))).toMatchObject({
      status: 403,
      code: "CROSS_SITE_REQUEST",
    });
  });

  it("refuses the content types a plain HTML form can send with 415", async () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) {
      expect(await refused(post({ "content-type": type }))).toMatchObject({
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
      });
    }
    expect(await refused(post({}))).toMatchObject({ status: 415 });
  });

  it("leaves reads (GET) to tRPC, which never runs a mutation over GET", () => {
    const get = new Request("http://localhost:3000/api/trpc/spec.get", { headers: { origin: "https://evil.example" } });
    expect(refuseForeignMutation(get)).toBeNull();
  });
});
