import { Aggregator } from "../../infra/aggregator";
import { readStoredSpec } from "../../contracts/spec/validate";
import type { BrokerAccess } from "../broker";
import type { SqlRunner } from "../db/sql";
import type { Deployment, PrismaClient, Project } from "../generated/prisma/client";
import { openDeploymentSecrets } from "./deployment-secrets";

const globalForAggregators = globalThis as unknown as { swarmAggregators?: Map<string, Promise<Aggregator>> };
const running = (globalForAggregators.swarmAggregators ??= new Map());

/**
 * The local target: an aggregator in the app process per deployed project, on the app's database,
 * listening to the app's broker with its own login. It survives page loads; the app restarts it.
 */
export function startLocalAggregator(input: {
  sql: SqlRunner;
  broker: BrokerAccess;
  project: Project;
  deployment: Deployment;
}): Promise<Aggregator> {
  const { project } = input;
  const existing = running.get(project.id);
  if (existing) return existing;
  const started = (async () => {
    const { aggregator: login } = openDeploymentSecrets(input.deployment.credentials!);
    if (!login) throw new Error("this deployment has no broker login for a local aggregator");
    const aggregator = await Aggregator.start({
      sql: input.sql,
      swarmIds: [project.slug],
      broker: { kind: "external", url: input.broker.url, ...login },
      clientId: `aggregator-${project.slug}`,
      log: (message) => console.log(`aggregator ${project.slug}: ${message}`),
    });
    const spec = readStoredSpec(project.spec);
    await aggregator.configureSwarm(project.slug, {
      rules: spec.rules,
      nodes: spec.nodes.map((node) => ({ id: node.id, intervalMs: node.telemetry.intervalMs })),
    });
    return aggregator;
  })();
  running.set(project.id, started);
  started.catch(() => running.delete(project.id));
  return started;
}

/** The running aggregator of a project, or null when it has no local deployment running here. */
export function localAggregator(projectId: string): Promise<Aggregator> | null {
  return running.get(projectId) ?? null;
}

export async function stopLocalAggregator(projectId: string): Promise<void> {
  const aggregator = running.get(projectId);
  running.delete(projectId);
  await (await aggregator?.catch(() => null))?.close();
}

/**
 * Takes a project's local server down: its aggregator stops and the deployment's broker logins (the ones
 * without expiry; simulation runs' bridge logins expire on their own) are revoked. Stored telemetry stays.
 */
export async function retireLocalServer(prisma: PrismaClient, projectId: string): Promise<void> {
  await stopLocalAggregator(projectId);
  await prisma.brokerCredential.deleteMany({ where: { projectId, expiresAt: null } });
}
