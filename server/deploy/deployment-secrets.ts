import { z } from "zod";
import { decryptSecret, encryptSecret } from "../secrets/crypto";

const loginSchema = z.object({ username: z.string(), password: z.string() });
const deploymentSecretsSchema = z.object({
  nodes: z.record(z.string(), loginSchema),
  aggregator: loginSchema,
});
export type DeploymentSecrets = z.infer<typeof deploymentSecretsSchema>;

/** Per-node MQTT logins and the aggregator's: encrypted at rest, never in a view or an event. */
export const sealDeploymentSecrets = (secrets: DeploymentSecrets) => encryptSecret(JSON.stringify(secrets));
export const openDeploymentSecrets = (blob: Uint8Array) =>
  deploymentSecretsSchema.parse(JSON.parse(decryptSecret(blob)));
