import type { ConfigValues, NodeConfig, Placeholder } from "../../../contracts/node-config";
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../../../contracts/errors";
import { serverCa } from "../../deploy/aws-server-https";
import { openDeploymentSecrets } from "../../deploy/deployment-secrets";
import { decryptSecret } from "../../secrets/crypto";
import { readStoredSpec } from "../../../contracts/spec/validate";

const LOCAL_BROKER_PORT = "1883";

/**
 * The values a node's firmware placeholders take, and for each one that has none, what the user
 * must configure. A deployed swarm server supplies the broker address, the node's login and (on AWS)
 * the broker's CA; without one the spec's network settings or the local broker are used.
 */
export async function resolveNodeConfig(
  prisma: PrismaClient,
  input: { projectId: string; nodeId: string; serverUrl: string; buildId?: string },
  deps: { fetchCa: (serverUrl: URL) => Promise<string | undefined> } = { fetchCa: serverCa },
): Promise<NodeConfig> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: input.projectId } });
  const spec = readStoredSpec(project.spec);
  // A build for sharing gets no secret and no node login: each becomes "" in its image.
  const build = input.buildId ? await prisma.build.findUnique({ where: { id: input.buildId } }) : null;
  const withoutSecrets = build?.withoutSecrets ?? false;
  const secrets = new Map(
    withoutSecrets
      ? []
      : (await prisma.secret.findMany({ where: { projectId: project.id } })).map((s) => [s.name, s.ciphertext]),
  );
  const secret = (name: string | undefined) => {
    const blob = name ? secrets.get(name) : undefined;
    return blob ? decryptSecret(blob) : undefined;
  };
  const { wifi, mqtt } = spec.network;
  // A deployed swarm server wins over the spec: its address and this node's own login.
  const deployed = await deployedBroker(prisma, project.id, input.nodeId);
  const caPem = deployed?.serverUrl ? await brokerCa(deployed.serverUrl, deps.fetchCa) : "";
  const login = withoutSecrets ? { username: "", password: "" } : deployed;
  const values: ConfigValues = {
    SWARM_ID: project.slug,
    NODE_ID: input.nodeId,
    MQTT_HOST: deployed?.host ?? mqtt?.host,
    MQTT_PORT: String(deployed?.port ?? mqtt?.port ?? LOCAL_BROKER_PORT),
    MQTT_USER: login?.username ?? secret(mqtt?.usernameSecret) ?? "",
    MQTT_PASSWORD: login?.password ?? secret(mqtt?.passwordSecret) ?? "",
    WIFI_SSID: wifi?.ssid,
    WIFI_PASSWORD: withoutSecrets ? "" : secret(wifi?.passwordSecret),
    SERVER_URL: input.serverUrl,
    MQTT_CA_PEM: caPem,
  };
  const hints: Partial<Record<Placeholder, string>> = {
    MQTT_HOST: "set network.mqtt.host in the spec, or deploy the aggregation server",
    WIFI_SSID: "set network.wifi.ssid in the spec",
    WIFI_PASSWORD: wifi?.passwordSecret
      ? `set the project secret ${wifi.passwordSecret}`
      : "set network.wifi.passwordSecret and that project secret",
  };
  // Empty user/password means an anonymous broker: allowed, so they are never "missing".
  return { values, hints };
}

async function deployedBroker(prisma: PrismaClient, projectId: string, nodeId: string) {
  const deployment = await prisma.deployment.findUnique({ where: { projectId } });
  if (!deployment || deployment.status !== "deployed" || !deployment.credentials) return null;
  const outputs = deployment.outputs as { mqtt_host?: string; mqtt_port?: number; server_url?: string } | null;
  const login = openDeploymentSecrets(deployment.credentials).nodes[nodeId];
  if (!outputs?.mqtt_host || !login) return null;
  // Only an AWS server's broker speaks TLS (8883, certificate from the CA it publishes); the local one is plain TCP.
  const serverUrl = deployment.target === "aws" ? outputs.server_url : undefined;
  return { host: outputs.mqtt_host, port: outputs.mqtt_port, serverUrl, ...login };
}

/**
 * The CA the deployed broker's certificate chains to, fetched from the server for every build so that a
 * re-created server's new CA is picked up. A failure stops the build: a plain-TCP firmware could never connect.
 */
async function brokerCa(serverUrl: string, fetchCa: (serverUrl: URL) => Promise<string | undefined>) {
  try {
    return (await fetchCa(new URL(serverUrl))) ?? "";
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Not CONFLICT: the worker API reads a 409 as "lease lost" and would drop the build without a word.
    throw new AppError(
      "BAD_REQUEST",
      `The deployed server's CA certificate could not be fetched from ${serverUrl.replace(/\/$/, "")}/ca.crt (${reason}); ` +
        "the firmware needs it to connect to the broker over TLS. Check that the server is running, then build again.",
    );
  }
}
