import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../../contracts/spec/schema";
import { pushAlertRules } from "./push-alert-rules";

const seen: { url: string; auth: string | undefined; body: string }[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    seen.push({ url: req.url ?? "", auth: req.headers.authorization, body });
    const ok = req.headers.authorization === "Bearer right-token-0123456789";
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { ruleErrors: ["rule 2: no such field"] } : { error: "missing or wrong credentials" }));
  });
});
const url = new Promise<string>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
);
afterAll(() => new Promise((resolve) => server.close(resolve)));

const spec = { ...emptySpec("x"), rules: [{ when: "temperature > 30", then: "alert" }] };

describe("pushing the alert rules to a deployed aggregator", () => {
  it("PUTs the rules with the bearer token and reports rules the server refused", async () => {
    const warning = await pushAlertRules({
      serverUrl: await url,
      token: "right-token-0123456789",
      swarmId: "s1",
      spec,
    });
    expect(seen.at(-1)).toMatchObject({ url: "/api/config?swarm=s1", auth: "Bearer right-token-0123456789" });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ rules: spec.rules, nodes: [] });
    expect(warning).toBe("The server refused some alert rules: rule 2: no such field");
  });

  it("turns a refusal or an unreachable server into a warning, never a throw", async () => {
    const refused = await pushAlertRules({
      serverUrl: await url,
      token: "wrong-token-0123456789",
      swarmId: "s1",
      spec,
    });
    expect(refused).toMatch(
      /^Deployed, but the alert rules did not reach the server at .*HTTP 401: missing or wrong credentials/,
    );
    expect(refused).not.toContain("wrong-token");
    const closed = await pushAlertRules({ serverUrl: "http://127.0.0.1:9", token: "t", swarmId: "s1", spec });
    expect(closed).toMatch(/ECONNREFUSED/);
  });
});
