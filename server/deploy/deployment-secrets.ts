import { z } from "zod";
import { decryptSecret, encryptSecret } from "../secrets/crypto";

const loginSchema = z.object({ username: z.string(), password: z.string() });
const deploymentSecretsSchema = z.object({
  nodes: z.record(z.string(), loginSchema),
  /** local: the embedded aggregator's broker login (on AWS the machine makes its own at boot). */
  aggregator: loginSchema.optional(),
  /** aws: bearer token of the deployed aggregator's HTTP API. */
  aggregatorToken: z.string().optional(),
});
export type DeploymentSecrets = z.infer<typeof deploymentSecretsSchema>;

/** Per-node MQTT logins and the aggregator's: encrypted at rest, never in a view or an event. */
export const sealDeploymentSecrets = (secrets: DeploymentSecrets) => encryptSecret(JSON.stringify(secrets));
export const openDeploymentSecrets = (blob: Uint8Array) =>
  deploymentSecretsSchema.parse(JSON.parse(decryptSecret(blob)));

/** Terraform state and saved plans hold every variable value in clear: they are stored like the secrets. */
export const sealDeploymentBytes = (bytes: Uint8Array) => encryptSecret(Buffer.from(bytes).toString("base64"));
export const openDeploymentBytes = (blob: Uint8Array) => new Uint8Array(Buffer.from(decryptSecret(blob), "base64"));
