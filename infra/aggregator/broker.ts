import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import { createWebSocketStream, WebSocketServer } from "ws";
import { mayPublish, maySubscribe, parseUsername, type Identity } from "./acl";
import { coalesceWrites } from "./coalesce-writes";
import type { CredentialStore } from "./credentials";

export interface EmbeddedBrokerOptions {
  swarmIds: string[];
  credentials: CredentialStore;
  host?: string;
  /** MQTT over TCP; 0 picks a free port. */
  port?: number;
  /** MQTT over WebSocket (path-independent); unset = no WebSocket listener. */
  wsPort?: number;
  log?: (message: string) => void;
}

const identities = new WeakMap<Client, Identity>();
const AGGREGATOR_USER = "aggregator";

function authError(message: string, returnCode: 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

/**
 * Aedes in the aggregator's process: anonymous access off, one password per node (scrypt hashes in
 * aggregator_credential), the ACL of acl.ts. `restart()` closes and reopens it on the same ports with the same
 * persistence, so persistent sessions and their queued QoS 1 messages survive it.
 */
export class EmbeddedBroker {
  /** Password of the aggregator's own client; generated per process and never stored. */
  readonly aggregatorPassword = randomBytes(24).toString("base64url");
  readonly aggregatorUser = AGGREGATOR_USER;
  private aedes: Aedes | null = null;
  private tcp: net.Server | null = null;
  private wsHttp: http.Server | null = null;
  private persistence: unknown = undefined;
  port = 0;
  wsPort = 0;

  private constructor(private readonly options: EmbeddedBrokerOptions) {}

  static async start(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const broker = new EmbeddedBroker(options);
    broker.port = options.port ?? 0;
    broker.wsPort = options.wsPort ?? 0;
    await broker.open();
    return broker;
  }

  get url(): string {
    return `mqtt://${this.options.host ?? "127.0.0.1"}:${this.port}`;
  }

  private async open(): Promise<void> {
    const { swarmIds, credentials } = this.options;
    const log = this.options.log ?? (() => undefined);
    const aedes = await Aedes.createBroker({
      ...(this.persistence ? { persistence: this.persistence } : {}),
      authenticate: (client, username, password, done) => {
        const secret = password?.toString("utf8") ?? "";
        if (!username) return done(authError("anonymous access is off", 4), false);
        if (username === AGGREGATOR_USER) {
          const ok = safeEqual(secret, this.aggregatorPassword);
          if (ok) identities.set(client, { role: "aggregator", swarmIds });
          return done(ok ? null : authError("bad user name or password", 4), ok);
        }
        const target = parseUsername(username, swarmIds);
        if (!target) return done(authError(`unknown user ${username}`, 4), false);
        credentials.check(target.swarmId, target.nodeId, secret).then(
          (role) => {
            if (role) identities.set(client, { role, ...target });
            done(role ? null : authError("bad user name or password", 4), Boolean(role));
          },
          (error: Error) => {
            log(`authentication of ${username} failed: ${error.message}`);
            done(authError("server unavailable", 4), false);
          },
        );
      },
      authorizePublish: (client, packet, done) => {
        const who = client ? identities.get(client) : undefined;
        if (client === null || (who && mayPublish(who, packet.topic))) return done(null);
        log(`refused publish to ${packet.topic} by ${who && "nodeId" in who ? who.nodeId : "unknown client"}`);
        done(new Error(`not allowed to publish to ${packet.topic}`));
      },
      authorizeSubscribe: (client, subscription, done) => {
        const who = identities.get(client);
        done(null, who && maySubscribe(who, subscription.topic) ? subscription : null);
      },
    });
    this.persistence = (aedes as unknown as { persistence: unknown }).persistence;
    this.aedes = aedes;
    const host = this.options.host ?? "127.0.0.1";
    // Each PUBACK and forwarded PUBLISH would otherwise be its own system call.
    this.tcp = net.createServer((socket) => aedes.handle(coalesceWrites(socket)));
    this.port = await listen(this.tcp, this.port, host);
    if (this.options.wsPort !== undefined) {
      this.wsHttp = http.createServer((_req, res) => res.writeHead(426).end("MQTT over WebSocket only\n"));
      const wss = new WebSocketServer({ server: this.wsHttp });
      wss.on("connection", (socket, req) => aedes.handle(createWebSocketStream(socket), req));
      this.wsPort = await listen(this.wsHttp, this.wsPort, host);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.open();
  }

  private async stop(): Promise<void> {
    const aedes = this.aedes;
    this.aedes = null;
    // Stop accepting first; the listeners finish closing once the broker has ended its sessions.
    const closing = Promise.all([closeServer(this.tcp), closeServer(this.wsHttp)]);
    this.tcp = this.wsHttp = null;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await closing;
  }

  close(): Promise<void> {
    return this.stop();
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function listen(server: net.Server | http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function closeServer(server: net.Server | http.Server | null): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Open sockets keep close() waiting; the broker's own close ends the MQTT sessions.
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
}
