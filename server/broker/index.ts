import mqtt from "mqtt";
import type { PrismaClient } from "../generated/prisma/client";
import { issueBrokerCredential, verifyBrokerCredential } from "./credentials";
import { startSwarmBroker, type SwarmBroker } from "./swarm-broker";

/** How the app and its workers reach the swarm broker, and how the app publishes on it. */
export interface BrokerAccess {
  /** Where workers connect (the simulator's bridge), e.g. mqtt://127.0.0.1:1883. */
  url: string;
  /** Credentials for one simulation run of a project. */
  bridgeCredential(projectId: string, ttlMs: number): Promise<{ username: string; password: string }>;
  publish(topic: string, payload: string): Promise<void>;
}

const globalForBroker = globalThis as unknown as { swarmBroker?: Promise<BrokerAccess> };

/**
 * The process-wide broker: the embedded Aedes broker started with the app (MQTT_PORT, MQTT_WS_PORT),
 * or, when MQTT_URL is set, an external one such as Mosquitto, which the app reaches with
 * MQTT_USERNAME/MQTT_PASSWORD and whose own accounts the simulator then uses too.
 */
export function getBroker(prisma: PrismaClient, env: NodeJS.ProcessEnv = process.env): Promise<BrokerAccess> {
  globalForBroker.swarmBroker ??= (env.MQTT_URL ? externalBroker(env) : embeddedBroker(prisma, env)).catch(
    (error: unknown) => {
      globalForBroker.swarmBroker = undefined;
      throw error;
    },
  );
  return globalForBroker.swarmBroker;
}

async function embeddedBroker(prisma: PrismaClient, env: NodeJS.ProcessEnv): Promise<BrokerAccess> {
  const host = env.MQTT_BIND_HOST || env.HOST || "0.0.0.0";
  const broker = await startSwarmBroker({
    host,
    port: Number(env.MQTT_PORT || 1883),
    wsPort: Number(env.MQTT_WS_PORT || 9001),
    authenticate: (username, password) => verifyBrokerCredential(prisma, username, password),
  });
  console.log(`mqtt: embedded broker on ${host}:${broker.port} (WebSocket ${broker.wsPort})`);
  return embeddedBrokerAccess(prisma, broker, env.MQTT_PUBLIC_HOST || "127.0.0.1");
}

/** Access to a broker this process runs: bridge logins are issued from the app's own credential table. */
export function embeddedBrokerAccess(prisma: PrismaClient, broker: SwarmBroker, workerHost: string): BrokerAccess {
  return {
    url: `mqtt://${workerHost}:${broker.port}`,
    bridgeCredential: (projectId, ttlMs) => issueBrokerCredential(prisma, { projectId, role: "bridge", ttlMs }),
    publish: broker.publish,
  };
}

async function externalBroker(env: NodeJS.ProcessEnv): Promise<BrokerAccess> {
  const url = env.MQTT_URL!;
  const credentials = { username: env.MQTT_USERNAME ?? "", password: env.MQTT_PASSWORD ?? "" };
  const client = await mqtt.connectAsync(url, { ...credentials, clientId: `swarm-app-${process.pid}` });
  return {
    url,
    bridgeCredential: async () => credentials,
    publish: async (topic, payload) => void (await client.publishAsync(topic, payload, { qos: 1 })),
  };
}
