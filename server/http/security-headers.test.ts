import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

interface Header {
  key: string;
  value: string;
}
interface Config {
  headers: () => Promise<{ source: string; headers: Header[] }[]>;
}
type SecurityHeaders = (env: Record<string, string | undefined>) => Header[];

// next.config.mjs is plain JavaScript (tsc does not read it): loaded by URL so it is not type-checked here.
const configUrl = pathToFileURL(path.resolve(import.meta.dirname, "../../next.config.mjs")).href;
const load = async () => (await import(configUrl)) as { default: Config; securityHeaders: SecurityHeaders };

function directives(headers: Header[]): Map<string, string[]> {
  const csp = headers.find((header) => header.key === "Content-Security-Policy")!.value;
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("security headers", () => {
  it("are sent on every path", async () => {
    const { default: config } = await load();
    const rules = await config.headers();
    expect(rules.map((rule) => rule.source)).toEqual(["/:path*"]);
    const keys = rules[0].headers.map((header) => header.key);
    expect(keys).toEqual(
      expect.arrayContaining(["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]),
    );
  });

  it("allow only the app's scripts, the broker's WebSocket and no framing, in production without eval", async () => {
    const { securityHeaders } = await load();
    const csp = directives(securityHeaders({ NODE_ENV: "production", MQTT_WS_PORT: "19001" }));
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("connect-src")).toEqual(["'self'", "ws://*:19001", "wss://*:19001"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("style-src")).toContain("'unsafe-inline'");
    expect(directives(securityHeaders({ NODE_ENV: "development" })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("never restrict Web Serial or WebUSB", async () => {
    const { securityHeaders } = await load();
    const headers = securityHeaders({ NODE_ENV: "production" });
    const permissions = headers.find((header) => header.key === "Permissions-Policy")?.value ?? "";
    expect(permissions).not.toMatch(/\b(serial|usb)\b/);
    expect(headers.find((header) => header.key === "X-Content-Type-Options")?.value).toBe("nosniff");
  });
});
