import type http from "node:http";
import { setTimeout } from "node:timers/promises";
import { AppError } from "../../../contracts/errors";
import type { Alert, AggregatorEvent, HistoryBucket, NodeState, StoredRecord } from "../../../infra/aggregator/types";
import { openServerStream, requestServer, serverCa, type ServerAnswer } from "../../deploy/aws-server-https";
import { readServerEvents } from "./server-events";
import type { HistoryRange, TelemetrySource } from "./telemetry-source";

/** Trust on first use: the CA each server published, fetched once per app process and forgotten when it fails. */
const globalForCas = globalThis as unknown as { swarmServerCas?: Map<string, Promise<string | undefined>> };
const pinnedCas = (globalForCas.swarmServerCas ??= new Map());

const STREAM_RETRIES = 3;
const STREAM_RETRY_PAUSE_MS = 1_000;

/** The server could not be reached (as opposed to answering with a refusal): worth trying again later. */
class ServerSilentError extends AppError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

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

  /**
   * The server's own event stream (SSE), relayed event by event. A connection that drops is opened again after a
   * pause (events in the gap are not replayed); a server that stays silent ends the relay with its error.
   */
  async *events(signal: AbortSignal | undefined): AsyncGenerator<AggregatorEvent, void, undefined> {
    let failures = 0;
    for (;;) {
      let reason: unknown = new Error("it closed the live stream");
      try {
        const res = await this.openStream(signal);
        failures = 0;
        yield* readServerEvents(res);
      } catch (error) {
        if (error instanceof AppError && !(error instanceof ServerSilentError)) throw error;
        reason = error;
      }
      if (signal?.aborted) return;
      failures += 1;
      if (failures > STREAM_RETRIES) throw this.unreachable(reason);
      // An abort ends the pause early; the check below then ends the relay.
      await setTimeout(STREAM_RETRY_PAUSE_MS * failures, undefined, { signal }).catch(() => undefined);
      if (signal?.aborted) return;
    }
  }

  private async openStream(signal: AbortSignal | undefined): Promise<http.IncomingMessage> {
    const url = this.url("/api/stream", {});
    const headers = { authorization: `Bearer ${this.token}`, accept: "text/event-stream" };
    const res = await this.reach((ca) => openServerStream(url, { method: "GET", headers, ca }, signal));
    if (res.statusCode !== 200) this.refuse({ status: res.statusCode ?? 0, body: await readAll(res) });
    return res;
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
    return new ServerSilentError(this.scrub(`The AWS server at ${this.serverUrl.origin} did not answer: ${reason}`));
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
