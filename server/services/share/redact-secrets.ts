import type { PrismaClient, Project } from "../../generated/prisma/client";
import { openDeploymentSecrets } from "../../deploy/deployment-secrets";
import { decryptSecret } from "../../secrets/crypto";

/** What the build pipeline shows in place of a secret, so both read the same. */
export const REDACTED = "••••";
/** Shorter values would blank out ordinary words; Wi-Fi (8+), keys and generated logins are all longer. */
const MIN_REDACTED_LENGTH = 6;

/**
 * Every secret value of the project: its secrets and its deployment's node, aggregator and API logins.
 * A link holder's answers pass through `redactValues` with these, in case a firmware printed one on its
 * console or an error message quoted one.
 */
export async function projectSecretValues(prisma: PrismaClient, project: Project): Promise<string[]> {
  const [secrets, deployment] = await Promise.all([
    prisma.secret.findMany({ where: { projectId: project.id }, select: { ciphertext: true } }),
    prisma.deployment.findUnique({ where: { projectId: project.id }, select: { credentials: true } }),
  ]);
  const values = secrets.map((secret) => decryptSecret(secret.ciphertext));
  if (deployment?.credentials) {
    const logins = openDeploymentSecrets(deployment.credentials);
    values.push(...Object.values(logins.nodes).map((login) => login.password));
    if (logins.aggregator) values.push(logins.aggregator.password);
    if (logins.aggregatorToken) values.push(logins.aggregatorToken);
  }
  // Longest first, so a secret containing another is replaced whole.
  return [...new Set(values.filter((value) => value.length >= MIN_REDACTED_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * `value` with every occurrence of a secret in its strings replaced. Arrays and plain objects are copied
 * only where something changed; anything else (dates, tracked-event markers) is kept as it is.
 */
export function redactValues<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return redact(value, secrets) as T;
}

function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") {
    return secrets.reduce((text, secret) => (text.includes(secret) ? text.split(secret).join(REDACTED) : text), value);
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => redact(item, secrets));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([key, item]) => [key, redact(item, secrets)] as const);
    const changed = entries.some(([key, item]) => item !== (value as Record<string, unknown>)[key]);
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}
