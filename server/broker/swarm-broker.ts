import { createServer, type Server, type Socket } from "node:net";
import { Aedes, type AuthenticateError } from "aedes";
import { WebSocketServer, createWebSocketStream } from "ws";
import { mayPublish, maySubscribe, type Identity } from "../../infra/aggregator/acl";

/**
 * Who a broker login is, in the aggregator's ACL terms (infra/aggregator/acl.ts, the same rules as the
 * Mosquitto ACL of the AWS server): a node of one swarm, or a swarm-wide client (the simulator's bridge,
 * the local aggregator) with the "aggregator" role over its one swarm.
 */
export type BrokerIdentity = Identity;

export interface SwarmBrokerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  wsPort: number;
  /** Checks a username/password; null refuses the connection. Anonymous clients never get this far. */
  authenticate(username: string, password: string): Promise<BrokerIdentity | null>;
}

export interface SwarmBroker {
  port: number;
  wsPort: number;
  /** Publishes as the broker itself (the app's commands), QoS 1. */
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded MQTT broker (Aedes) every swarm talks to by default: TCP for boards and the simulator,
 * WebSocket for browsers. Anonymous access is off; a bridge login reaches only its own swarm's topics,
 * a node login only its own telemetry/events (publish) and command (subscribe) topics.
 */
export async function startSwarmBroker(options: SwarmBrokerOptions): Promise<SwarmBroker> {
  const identities = new WeakMap<object, BrokerIdentity>();
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const refuse = () => {
        const error = new Error("Bad user name or password") as AuthenticateError;
        error.returnCode = 4;
        done(error, false);
      };
      if (!username || !password) return refuse();
      options.authenticate(username, password.toString("utf8")).then(
        (identity) => {
          if (!identity) return refuse();
          identities.set(client, identity);
          done(null, true);
        },
        () => refuse(),
      );
    },
    authorizePublish: (client, packet, callback) => {
      if (!client) return callback(null); // the broker's own publish
      const identity = identities.get(client);
      callback(
        identity && mayPublish(identity, packet.topic) ? null : new Error(`not allowed to publish ${packet.topic}`),
      );
    },
    authorizeSubscribe: (client, subscription, callback) => {
      const identity = identities.get(client);
      if (identity && maySubscribe(identity, subscription.topic)) return callback(null, subscription);
      callback(null, null); // SUBACK 0x80 for this filter; the client stays connected
    },
  });
  const tcp = createServer(broker.handle);
  // Aedes closes its clients on close(); the sockets are tracked so the listener can always shut.
  const sockets = new Set<Socket>();
  tcp.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await listen(tcp, options.host, options.port);
  const ws = new WebSocketServer({ host: options.host, port: options.wsPort });
  ws.on("connection", (socket, request) => broker.handle(createWebSocketStream(socket), request));
  await new Promise<void>((resolve, reject) => {
    ws.once("listening", resolve);
    ws.once("error", (error: NodeJS.ErrnoException) => {
      tcp.close();
      reject(error.code === "EADDRINUSE" ? inUse(options.host, options.wsPort) : error);
    });
  });
  const address = tcp.address();
  const wsAddress = ws.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    wsPort: typeof wsAddress === "object" && wsAddress ? wsAddress.port : options.wsPort,
    publish: (topic, payload) =>
      new Promise((resolve, reject) =>
        broker.publish(
          { cmd: "publish", topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false },
          (error) => (error ? reject(error) : resolve()),
        ),
      ),
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const socket of ws.clients) socket.terminate();
      await new Promise<void>((resolve) => ws.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? inUse(host, port) : error),
    );
    server.listen(port, host, () => resolve());
  });
}

function inUse(host: string, port: number): Error {
  return new Error(`MQTT port ${port} on ${host} is in use: set MQTT_PORT and MQTT_WS_PORT to free ports.`);
}
