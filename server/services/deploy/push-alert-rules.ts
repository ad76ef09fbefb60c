import http from "node:http";
import https from "node:https";
import type { SystemSpec } from "../../../contracts/spec/schema";

interface Answer {
  status: number;
  body: string;
}

function request(
  url: URL,
  init: { method: string; headers?: Record<string, string>; body?: string; ca?: string; insecure?: boolean },
): Promise<Answer> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: init.method,
        headers: init.headers,
        timeout: 10_000,
        ...(url.protocol === "https:" ? { ca: init.ca, rejectUnauthorized: !init.insecure } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * The AWS server signs its certificate with a private CA it publishes at /ca.crt (a bare IP has no domain to
 * validate). The app fetches that CA once, then talks to the server verifying against it.
 */
async function serverCa(serverUrl: URL): Promise<string | undefined> {
  if (serverUrl.protocol !== "https:") return undefined;
  const answer = await request(new URL("/ca.crt", serverUrl), { method: "GET", insecure: true });
  if (answer.status !== 200 || !answer.body.includes("BEGIN CERTIFICATE")) {
    throw new Error(`${serverUrl.origin}/ca.crt did not answer with a certificate (HTTP ${answer.status})`);
  }
  return answer.body;
}

/** PUT {server_url}/api/config once: the spec's alert rules and each node's telemetry interval. */
async function putConfigOnce(serverUrl: URL, token: string, swarmId: string, spec: SystemSpec): Promise<string[]> {
  const ca = await serverCa(serverUrl);
  const url = new URL("/api/config", serverUrl);
  url.searchParams.set("swarm", swarmId);
  const body = JSON.stringify({
    rules: spec.rules,
    nodes: spec.nodes.map((node) => ({ id: node.id, intervalMs: node.telemetry.intervalMs })),
  });
  const answer = await request(url, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
    ca,
  });
  if (answer.status !== 200) {
    const message = (() => {
      try {
        return (JSON.parse(answer.body) as { error?: string }).error;
      } catch {
        return undefined;
      }
    })();
    throw new Error(`the server answered HTTP ${answer.status}${message ? `: ${message}` : ""}`);
  }
  return (JSON.parse(answer.body) as { ruleErrors?: string[] }).ruleErrors ?? [];
}

/**
 * Sends the spec's alert rules to a deployed aggregator, trying again while the new machine boots. Resolves with
 * null when they arrived, or with a warning for the page (never throws: the deploy itself succeeded).
 */
export async function pushAlertRules(input: {
  serverUrl: string;
  token: string;
  swarmId: string;
  spec: SystemSpec;
  attempts?: number;
  delayMs?: number;
}): Promise<string | null> {
  const attempts = input.attempts ?? 1;
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const ruleErrors = await putConfigOnce(new URL(input.serverUrl), input.token, input.swarmId, input.spec);
      return ruleErrors.length > 0 ? `The server refused some alert rules: ${ruleErrors.join("; ")}` : null;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, input.delayMs ?? 15_000));
  }
  return `Deployed, but the alert rules did not reach the server at ${input.serverUrl} (${lastError}). Deploy again or check the server.`;
}
