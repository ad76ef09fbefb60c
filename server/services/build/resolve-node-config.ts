import type { ConfigValues, NodeConfig, Placeholder } from "../../../contracts/node-config";
import type { PrismaClient } from "../../generated/prisma/client";
import { decryptSecret } from "../../secrets/crypto";
import { readStoredSpec } from "../../../contracts/spec/validate";

const LOCAL_BROKER_PORT = "1883";

/**
 * The values a node's firmware placeholders take, and for each one that has none, what the user
 * must configure. Deployments (a later stage) will supply the MQTT host; until then the spec's
 * network settings or the local broker are used.
 */
export async function resolveNodeConfig(
  prisma: PrismaClient,
  input: { projectId: string; nodeId: string; serverUrl: string },
): Promise<NodeConfig> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: input.projectId } });
  const spec = readStoredSpec(project.spec);
  const secrets = new Map(
    (await prisma.secret.findMany({ where: { projectId: project.id } })).map((s) => [s.name, s.ciphertext]),
  );
  const secret = (name: string | undefined) => {
    const blob = name ? secrets.get(name) : undefined;
    return blob ? decryptSecret(blob) : undefined;
  };
  const { wifi, mqtt } = spec.network;
  const values: ConfigValues = {
    SWARM_ID: project.slug,
    NODE_ID: input.nodeId,
    MQTT_HOST: mqtt?.host,
    MQTT_PORT: String(mqtt?.port ?? LOCAL_BROKER_PORT),
    MQTT_USER: secret(mqtt?.usernameSecret) ?? "",
    MQTT_PASSWORD: secret(mqtt?.passwordSecret) ?? "",
    WIFI_SSID: wifi?.ssid,
    WIFI_PASSWORD: secret(wifi?.passwordSecret),
    SERVER_URL: input.serverUrl,
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
