import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import { parseNodeLine } from "../../contracts/node-lines";
import { parseUsername } from "./acl";
import type { Aggregator, SwarmConfig } from "./aggregator";
import type { RecordKind } from "./types";

const MAX_BODY = 1 << 20;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (ctx: {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  swarmId: string;
  params: string[];
}) => Promise<unknown>;

/**
 * The aggregator's HTTP API (README.md lists the routes). Everything but /health needs the bearer token; node
 * ingest also accepts the node's own credential as basic auth.
 */
export function createHttpHandler(aggregator: Aggregator, token: string) {
  if (token.length < 16) throw new Error("the aggregator token must be at least 16 characters");
  const routes: [string, RegExp, Handler, "token" | "token-or-node"][] = [
    ["POST", /^\/api\/telemetry\/([a-z0-9][a-z0-9-]{0,39})$/, ingest, "token-or-node"],
    [
      "GET",
      /^\/api\/latest$/,
      async ({ swarmId }) => ({ records: await aggregator.latest(swarmId), nodes: aggregator.nodes(swarmId) }),
      "token",
    ],
    ["GET", /^\/api\/nodes$/, async ({ swarmId }) => ({ nodes: aggregator.nodes(swarmId) }), "token"],
    ["GET", /^\/api\/history$/, history, "token"],
    ["GET", /^\/api\/export\.csv$/, exportCsv, "token"],
    [
      "GET",
      /^\/api\/alerts$/,
      async ({ swarmId, url }) => ({
        alerts: await aggregator.listAlerts(swarmId, { active: url.searchParams.get("active") === "true" }),
      }),
      "token",
    ],
    ["POST", /^\/api\/alerts\/(\d+)\/ack$/, ack, "token"],
    ["POST", /^\/api\/commands\/([a-z0-9][a-z0-9-]{0,39})$/, command, "token"],
    ["PUT", /^\/api\/config$/, configure, "token"],
    ["PUT", /^\/api\/credentials\/([a-z0-9][a-z0-9-]{0,39})$/, credential, "token"],
    ["GET", /^\/api\/stream$/, stream, "token"],
  ];

  async function ingest({ req, swarmId, params }: Parameters<Handler>[0]) {
    const nodeId = params[0] ?? "";
    const body = await readBody(req);
    const records = bodyRecords(body);
    for (const { kind, record } of records) aggregator.ingest(swarmId, nodeId, kind, record);
    return { status: 202, body: { accepted: records.length } };
  }

  async function history({ url, swarmId }: Parameters<Handler>[0]) {
    const q = url.searchParams;
    const buckets = await aggregator.history({
      swarmId,
      nodeId: required(q, "node"),
      field: required(q, "field"),
      from: date(q, "from"),
      to: date(q, "to"),
      buckets: q.has("buckets") ? Number(q.get("buckets")) : 60,
    });
    return { buckets };
  }

  async function exportCsv({ url, swarmId, res }: Parameters<Handler>[0]) {
    const q = url.searchParams;
    const csv = await aggregator.exportCsv(swarmId, date(q, "from"), date(q, "to"), q.get("node") ?? undefined);
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${swarmId}-telemetry.csv"`,
    });
    res.end(csv);
    return undefined;
  }

  async function ack({ swarmId, params }: Parameters<Handler>[0]) {
    const alert = await aggregator.acknowledgeAlert(swarmId, Number(params[0]));
    if (!alert) throw new HttpError(404, `no alert ${params[0]} in swarm ${swarmId}`);
    return { alert };
  }

  async function command({ req, swarmId, params }: Parameters<Handler>[0]) {
    const body = json(await readBody(req));
    return aggregator.sendCommand(swarmId, params[0] ?? "", body);
  }

  async function configure({ req, swarmId }: Parameters<Handler>[0]) {
    const body = json(await readBody(req)) as Partial<SwarmConfig>;
    if (!Array.isArray(body.rules) || !Array.isArray(body.nodes)) {
      throw new HttpError(400, "config needs `rules` ([{ when, then }]) and `nodes` ([{ id, intervalMs }])");
    }
    return aggregator.configureSwarm(swarmId, body as SwarmConfig);
  }

  async function credential({ req, swarmId, params }: Parameters<Handler>[0]) {
    const body = json((await readBody(req)) || "{}") as { password?: string; role?: "node" | "gateway" };
    if (body.role !== undefined && body.role !== "node" && body.role !== "gateway") {
      throw new HttpError(400, "role must be node or gateway");
    }
    return aggregator.setNodeCredential(swarmId, params[0] ?? "", body.password, body.role);
  }

  async function stream({ req, res, swarmId }: Parameters<Handler>[0]) {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write(`event: hello\ndata: ${JSON.stringify({ swarmId, nodes: aggregator.nodes(swarmId) })}\n\n`);
    const unsubscribe = aggregator.subscribe((event) => {
      const eventSwarm =
        event.type === "record" ? event.swarmId : event.type === "node" ? event.state.swarmId : event.alert.swarmId;
      if (eventSwarm === swarmId) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    req.on("close", () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
    return undefined;
  }

  function authorized(req: http.IncomingMessage, mode: "token" | "token-or-node", swarmId: string, nodeId?: string) {
    const header = req.headers.authorization ?? "";
    if (header.startsWith("Bearer ") && safeEqual(header.slice(7), token)) return Promise.resolve(true);
    if (mode !== "token-or-node" || !header.startsWith("Basic ")) return Promise.resolve(false);
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const who = parseUsername(decoded.slice(0, colon), aggregator.swarmIds);
    if (colon < 0 || !who || who.swarmId !== swarmId) return Promise.resolve(false);
    return aggregator.credentials
      .check(swarmId, who.nodeId, decoded.slice(colon + 1))
      .then((role) => role === "gateway" || (role === "node" && who.nodeId === nodeId));
  }

  return async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", "http://aggregator");
      if (url.pathname === "/health" && req.method === "GET") {
        return send(res, 200, {
          ok: true,
          mqtt: aggregator.mqttConnected,
          swarms: aggregator.swarmIds,
          pending: aggregator.store.pending,
          rejected: aggregator.rejected,
        });
      }
      const route = routes.find(([, pattern]) => pattern.test(url.pathname));
      if (!route) throw new HttpError(404, `no route ${url.pathname}`);
      const [method, pattern, handler, mode] = route;
      if (req.method !== method) throw new HttpError(405, `${url.pathname} takes ${method}`);
      const swarmId =
        url.searchParams.get("swarm") ?? (aggregator.swarmIds.length === 1 ? aggregator.swarmIds[0] : undefined);
      if (!swarmId || !aggregator.swarmIds.includes(swarmId)) {
        throw new HttpError(
          404,
          swarmId ? `this aggregator does not serve swarm "${swarmId}"` : "name the swarm: ?swarm=<id>",
        );
      }
      const params = (pattern.exec(url.pathname) ?? []).slice(1);
      if (!(await authorized(req, mode, swarmId, params[0]))) {
        res.setHeader("www-authenticate", mode === "token" ? "Bearer" : 'Basic realm="node", Bearer');
        throw new HttpError(401, "missing or wrong credentials");
      }
      const result = (await handler({ req, res, url, swarmId, params })) as
        { status?: number; body?: unknown } | undefined;
      if (result === undefined) return;
      if (typeof result.status === "number" && "body" in result) return send(res, result.status, result.body);
      send(res, 200, result);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 400;
      if (!res.headersSent) send(res, status, { error: (error as Error).message });
      else res.end();
    }
  };
}

/** A JSON record, an array of them, or `@t`/`@e` lines (other lines are logs and skipped). */
function bodyRecords(body: string): { kind: RecordKind; record: Record<string, unknown> }[] {
  if (body.trimStart().startsWith("@")) {
    const records = body.split("\n").flatMap((text) => {
      const line = parseNodeLine(text);
      if (line.kind === "log" && line.malformed) throw new HttpError(400, line.malformed);
      return line.kind === "log" ? [] : [{ kind: line.kind, record: line.record }];
    });
    return records;
  }
  const value = json(body);
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw new HttpError(400, "the body holds no record");
  return items.map((item) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new HttpError(400, "each record must be a JSON object");
    }
    return { kind: "telemetry" as const, record: item as Record<string, unknown> };
  });
}

function json(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new HttpError(400, `the body is not JSON: ${(error as Error).message}`);
  }
}

function required(q: URLSearchParams, name: string): string {
  const value = q.get(name);
  if (!value) throw new HttpError(400, `missing query parameter ${name}`);
  return value;
}

function date(q: URLSearchParams, name: string): Date {
  const raw = required(q, name);
  const value = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
  if (Number.isNaN(value.getTime())) throw new HttpError(400, `${name} must be an ISO 8601 time or epoch milliseconds`);
  return value;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        // Stop keeping it but read it to the end, so the client sees the 413 instead of a reset connection.
        reject(new HttpError(413, `the body is larger than ${MAX_BODY} bytes`));
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
