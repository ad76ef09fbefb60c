import type { SystemSpec } from "../../../contracts/spec/schema";
import { requestServer as request, serverCa } from "../../deploy/aws-server-https";

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
