import { AppError } from "../../../contracts/errors";
import { readStoredSpec } from "../../../contracts/spec/validate";
import type { BrokerAccess } from "../../broker";
import { issueBrokerCredential } from "../../broker/credentials";
import type { SqlRunner } from "../../db/sql";
import { sealDeploymentSecrets } from "../../deploy/deployment-secrets";
import { retireLocalServer, startLocalAggregator } from "../../deploy/local-aggregators";
import type { PrismaClient, Project } from "../../generated/prisma/client";
import { assertNoDeployRunning } from "./run-deploy-job";
import { startAwsDeploy } from "./start-aws-deploy";

export interface LocalEndpoint {
  /** How boards on the user's network reach the broker (MQTT_PUBLIC_HOST, else the PUBLIC_URL host). */
  mqttHost: string;
  mqttPort: number;
  mqttWsUrl: string;
  serverUrl: string;
}

/**
 * Deploys the swarm's server next to the app (the local target): per-node broker logins generated
 * now, an aggregator on the app's database listening to the app's broker, rules from the spec.
 * Deploying again replaces the logins, so firmware built before needs a rebuild. The aws target goes through
 * a deploy job instead (startAwsDeploy).
 */
export async function startDeploy(
  prisma: PrismaClient,
  env: { sql: SqlRunner; broker: BrokerAccess | null; endpoint: LocalEndpoint },
  input: { project: Project; target: "local" | "aws" },
) {
  const { project } = input;
  if (input.target === "aws") return startAwsDeploy(prisma, project);
  await assertNoDeployRunning(prisma, project.id);
  const existing = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (existing?.target === "aws" && existing.state && existing.status !== "destroyed") {
    throw new AppError(
      "CONFLICT",
      "This project has an AWS deployment whose Terraform state still tracks resources: Destroy it before deploying locally.",
    );
  }
  if (!env.broker) throw new AppError("CONFLICT", "The app's MQTT broker is not running; see the app's log.");
  const spec = readStoredSpec(project.spec);
  if (spec.nodes.length === 0) throw new AppError("BAD_REQUEST", "Add nodes in Design before deploying their server.");

  await retireLocalServer(prisma, project.id);
  const nodes: Record<string, { username: string; password: string }> = {};
  for (const node of spec.nodes) {
    nodes[node.id] = await issueBrokerCredential(prisma, { projectId: project.id, role: "node", nodeId: node.id });
  }
  const aggregator = await issueBrokerCredential(prisma, { projectId: project.id, role: "bridge" });
  const { endpoint } = env;
  const outputs = {
    swarm_id: project.slug,
    mqtt_host: endpoint.mqttHost,
    mqtt_port: endpoint.mqttPort,
    mqtt_ws_url: endpoint.mqttWsUrl,
    server_url: endpoint.serverUrl,
  };
  const data = {
    target: "local",
    status: "deployed",
    outputs,
    credentials: sealDeploymentSecrets({ nodes, aggregator }),
    error: null,
    warning: null,
    state: null,
    plan: null,
    planText: null,
    jobId: null,
  };
  const deployment = await prisma.deployment.upsert({
    where: { projectId: project.id },
    create: { projectId: project.id, ...data },
    update: data,
  });
  try {
    await startLocalAggregator({ sql: env.sql, broker: env.broker, project, deployment });
  } catch (error) {
    const message = `The swarm server did not start: ${(error as Error).message}`;
    await prisma.deployment.update({ where: { id: deployment.id }, data: { status: "failed", error: message } });
    throw new AppError("CONFLICT", message);
  }
  return { status: "deployed" as const, target: "local" as const, outputs };
}
