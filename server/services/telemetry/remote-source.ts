import type http from "node:http";
import { AppError } from "../../../contracts/errors";
import type { Alert, AggregatorEvent, HistoryBucket, NodeState, StoredRecord } from "../../../infra/aggregator/types";
import { openServerStream, requestServer, serverCa, type ServerAnswer } from "../../deploy/aws-server-https";
import { readServerEvents } from "./server-events";
import type { HistoryRange, TelemetrySource } from "./telemetry-source";

/** Trust on first use: the CA each server published, fetched once per app process and forgotten when it fails. */
const globalForCas = globalThis as unknown as { swarmServerCas?: Map<string, Promise<string | undefined>> };
const pinnedCas = (globalForCas.swarmServerCas ??= new Map());

/**
 * The AWS target: the aggregator on the deployed server, through its HTTP API with the deployment's bearer
 * token, verifying the server against the CA it publishes. The token stays here: it is in no answer or error.
 */
export class RemoteTelemetrySource implements TelemetrySource {
  private readonly serverUrl: URL;

  constructor(
    serverUrl: string,
    private readonly token: string,
    private readonly swarmId: string,
  ) {
    this.serverUrl = new URL(serverUrl);
  }

  async latest() {
    const answer = await this.json<{ records: StoredRecord[]; nodes: NodeState[] }>("GET", "/api/latest");
    return { nodes: answer.nodes, latest: answer.records };
  }

  async history(range: HistoryRange): Promise<HistoryBucket[]> {
    const query = {
      node: range.nodeId,
      field: range.field,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      buckets: String(range.buckets),
    };
    return (await this.json<{ buckets: HistoryBucket[] }>("GET", "/api/history", query)).buckets;
  }

  async exportCsv(from: Date, to: Date, nodeId?: string): Promise<string> {
    const query = { from: from.toISOString(), to: to.toISOString(), ...(nodeId ? { node: nodeId } : {}) };
    return (await this.call("GET", "/api/export.csv", query)).body;
  }

  async listAlerts(options: { active?: boolean }): Promise<Alert[]> {
    const query: Record<string, string> = options.active ? { active: "true" } : {};
    return (await this.json<{ alerts: Alert[] }>("GET", "/api/alerts", query)).alerts;
  }

  async acknowledgeAlert(alertId: number): Promise<Alert | null> {
    const answer = await this.call("POST", `/api/alerts/${alertId}/ack`, {}, undefined, [404]);
    return answer.status === 404 ? null : (JSON.parse(answer.body) as { alert: Alert }).alert;
  }

  sendCommand(nodeId: string, command: string) {
    return this.json<{ topic: string }>("POST", `/api/commands/${encodeURIComponent(nodeId)}`, {}, command);
  }

  /** The server's own event stream (SSE), relayed event by event. */
  async *events(signal: AbortSignal | undefined): AsyncGenerator<AggregatorEvent, void, undefined> {
    const url = this.url("/api/stream", {});
    const headers = { authorization: `Bearer ${this.token}`, accept: "text/event-stream" };
    const response = await this.reach(async (ca) => {
      const res = await openServerStream(url, { method: "GET", headers, ca }, signal);
      return { res, status: res.statusCode ?? 0 };
    });
    if (response.status !== 200) {
      const body = await readAll(response.res);
      this.refuse({ status: response.status, body });
    }
    try {
      yield* readServerEvents(response.res);
    } catch (error) {
      if (signal?.aborted) return;
      throw this.unreachable(error);
    }
    if (!signal?.aborted) throw this.unreachable(new Error("it closed the live stream"));
  }

  private async json<T>(method: string, path: string, query: Record<string, string> = {}, body?: unknown) {
    return JSON.parse((await this.call(method, path, query, body)).body) as T;
  }

  private async call(
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
    allowed: number[] = [],
  ): Promise<ServerAnswer> {
    const url = this.url(path, query);
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const answer = await this.reach((ca) =>
      requestServer(url, { method, headers, ca, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    if (answer.status !== 200 && !allowed.includes(answer.status)) this.refuse(answer);
    return answer;
  }

  private url(path: string, query: Record<string, string>): URL {
    const url = new URL(path, this.serverUrl);
    url.searchParams.set("swarm", this.swarmId);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /** Runs one exchange with the pinned CA; a failure to connect becomes the error a person reads. */
  private async reach<T>(exchange: (ca: string | undefined) => Promise<T>): Promise<T> {
    const origin = this.serverUrl.origin;
    try {
      let ca = pinnedCas.get(origin);
      if (!ca) {
        ca = serverCa(this.serverUrl);
        pinnedCas.set(origin, ca);
      }
      return await exchange(await ca);
    } catch (error) {
      // A CA that no longer verifies (the server was made anew) or never arrived is fetched again next time.
      pinnedCas.delete(origin);
      throw this.unreachable(error);
    }
  }

  private unreachable(error: unknown): AppError {
    if (error instanceof AppError) return error;
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    return new AppError("CONFLICT", this.scrub(`The AWS server at ${this.serverUrl.origin} did not answer: ${reason}`));
  }

  private refuse(answer: ServerAnswer): never {
    const said = serverMessage(answer.body);
    const where = `The AWS server at ${this.serverUrl.origin}`;
    if (answer.status === 401) {
      throw new AppError(
        "CONFLICT",
        `${where} refused the app's token (HTTP 401): deploy again so the app and the server share one.`,
      );
    }
    const code = answer.status === 400 ? "BAD_REQUEST" : answer.status === 404 ? "NOT_FOUND" : "CONFLICT";
    throw new AppError(code, this.scrub(`${where} answered HTTP ${answer.status}${said ? `: ${said}` : ""}`));
  }

  /** Belt and braces: nothing the server or the network says may carry the token to a browser. */
  private scrub(message: string): string {
    return message.split(this.token).join("••••");
  }
}

function serverMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: string }).error;
  } catch {
    return body.trim().slice(0, 200) || undefined;
  }
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
  });
}
