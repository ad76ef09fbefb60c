import http from "node:http";
import https from "node:https";

export interface ServerAnswer {
  status: number;
  body: string;
}

export interface ServerRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** The server's CA (PEM): its certificate is verified against this one only. */
  ca?: string;
  /** Only for fetching the CA itself, the one thing asked before there is something to verify against. */
  insecure?: boolean;
}

function open(url: URL, init: ServerRequest, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
  const client = url.protocol === "https:" ? https : http;
  return client.request(
    url,
    {
      method: init.method,
      headers: init.headers,
      timeout: 10_000,
      ...(url.protocol === "https:" ? { ca: init.ca, rejectUnauthorized: !init.insecure } : {}),
    },
    onResponse,
  );
}

/** One request to a deployed server, the whole answer read into memory. */
export function requestServer(url: URL, init: ServerRequest): Promise<ServerAnswer> {
  return new Promise((resolve, reject) => {
    const req = open(url, init, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * A long-lived GET (a server-sent event stream): resolves with the response once its headers arrived; the
 * 10 s timeout covers only the wait for them. `signal` ends the stream.
 */
export function openServerStream(url: URL, init: ServerRequest, signal?: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = open(url, init, (res) => {
      req.setTimeout(0);
      resolve(res);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    signal?.addEventListener("abort", () => req.destroy(), { once: true });
    req.end();
  });
}

/**
 * The AWS server signs its certificate with a private CA it publishes at /ca.crt (a bare IP has no domain to
 * validate). The app fetches that CA, then talks to the server verifying against it.
 */
export async function serverCa(serverUrl: URL): Promise<string | undefined> {
  if (serverUrl.protocol !== "https:") return undefined;
  const answer = await requestServer(new URL("/ca.crt", serverUrl), { method: "GET", insecure: true });
  if (answer.status !== 200 || !answer.body.includes("BEGIN CERTIFICATE")) {
    throw new Error(`${serverUrl.origin}/ca.crt did not answer with a certificate (HTTP ${answer.status})`);
  }
  return answer.body;
}
