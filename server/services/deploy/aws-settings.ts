import { randomBytes } from "node:crypto";
import type { DeploymentSecrets } from "../../deploy/deployment-secrets";

/** Project secrets an AWS deploy reads; the first two are required. */
export const awsSecretNames = {
  required: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
  /** AWS_SESSION_TOKEN for temporary credentials; AWS_REGION and AWS_SSH_CIDR become module variables. */
  optional: ["AWS_SESSION_TOKEN", "AWS_REGION", "AWS_SSH_CIDR"],
} as const;

const credentialNames = new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]);

/** The clear BAD_REQUEST text for missing AWS secrets, or null when none is missing. */
export function missingAwsSecretsMessage(present: Iterable<string>): string | null {
  const have = new Set(present);
  const missing = awsSecretNames.required.filter((name) => !have.has(name));
  if (missing.length === 0) return null;
  const list = missing.join(" and ");
  const plural = missing.length > 1;
  return `AWS deploys need the project secret${plural ? "s" : ""} ${list}: set ${plural ? "them" : "it"} in the Build stage's Secrets panel (optional: AWS_REGION, AWS_SESSION_TOKEN, AWS_SSH_CIDR).`;
}

/** A random secret for the module's validations: 12-128 printable characters, no colon, no space. */
const randomPassword = () => randomBytes(24).toString("base64url");

/**
 * The AWS swarm's logins: each node logs in to Mosquitto as its own id. Logins of an earlier AWS deployment are
 * kept (firmware built for it keeps working); nodes new to the spec get one.
 */
export function awsDeploymentSecrets(nodeIds: string[], previous: DeploymentSecrets | null): DeploymentSecrets {
  const nodes: DeploymentSecrets["nodes"] = {};
  for (const id of nodeIds) nodes[id] = previous?.nodes[id] ?? { username: id, password: randomPassword() };
  return { nodes, aggregatorToken: previous?.aggregatorToken ?? randomBytes(32).toString("base64url") };
}

/** SSH stays unreachable unless the project names a network in AWS_SSH_CIDR (the module has no default). */
const CLOSED_SSH_CIDR = "127.0.0.1/32";
const DEFAULT_AGGREGATOR_PACKAGE = "swarm-aggregator@0.1.0";

/**
 * Terraform's environment and variables of the AWS module (infra/terraform/aws/variables.tf) from the project's
 * secrets, its slug and the deployment's logins. Only the lease holder of the deploy job receives them.
 */
export function awsRunConfig(input: {
  secrets: Record<string, string>;
  swarmId: string;
  logins: DeploymentSecrets;
  aggregatorPackage?: string;
}): { credentials: Record<string, string>; variables: Record<string, unknown> } {
  const credentials = Object.fromEntries(Object.entries(input.secrets).filter(([name]) => credentialNames.has(name)));
  const variables: Record<string, unknown> = {
    ssh_cidr: input.secrets.AWS_SSH_CIDR || CLOSED_SSH_CIDR,
    swarm_id: input.swarmId,
    node_credentials: Object.fromEntries(Object.entries(input.logins.nodes).map(([id, login]) => [id, login.password])),
    aggregator_token: input.logins.aggregatorToken,
    aggregator_package: input.aggregatorPackage || DEFAULT_AGGREGATOR_PACKAGE,
  };
  if (input.secrets.AWS_REGION) variables.region = input.secrets.AWS_REGION;
  return { credentials, variables };
}
