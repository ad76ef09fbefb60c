import { AppError } from "../../../contracts/errors";
import { openDeploymentSecrets } from "../../deploy/deployment-secrets";
import { ensureAggregator } from "../../deploy/ensure-aggregator";
import type { Deployment, PrismaClient, Project } from "../../generated/prisma/client";
import { LocalTelemetrySource } from "./local-source";
import { RemoteTelemetrySource } from "./remote-source";
import type { TelemetrySource } from "./telemetry-source";

type SourceFactory = (input: {
  prisma: PrismaClient;
  project: Project;
  deployment: Deployment;
}) => Promise<TelemetrySource>;

/** Where each deploy target keeps the swarm's data: one entry per target, nothing else branches on it. */
const sourceByTarget: Record<string, SourceFactory> = {
  local: async ({ prisma, project }) => new LocalTelemetrySource(await ensureAggregator(prisma, project), project.slug),
  aws: async ({ project, deployment }) => {
    const outputs = (deployment.outputs ?? {}) as { server_url?: unknown; swarm_id?: unknown };
    const token = deployment.credentials ? openDeploymentSecrets(deployment.credentials).aggregatorToken : undefined;
    if (typeof outputs.server_url !== "string" || !token) {
      throw new AppError(
        "CONFLICT",
        "This AWS deployment has no server address or API token recorded: deploy it again.",
      );
    }
    const swarmId = typeof outputs.swarm_id === "string" ? outputs.swarm_id : project.slug;
    return new RemoteTelemetrySource(outputs.server_url, token, swarmId);
  },
};

/** The project's deployed swarm data, from its deployment's target; CONFLICT when it is not deployed. */
export async function telemetrySource(prisma: PrismaClient, project: Project): Promise<TelemetrySource> {
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment || deployment.status !== "deployed") {
    throw new AppError("CONFLICT", "This swarm has no server yet: deploy it in the Deploy stage first.");
  }
  const factory = sourceByTarget[deployment.target];
  if (!factory) throw new AppError("CONFLICT", `A "${deployment.target}" deployment has no dashboard.`);
  return factory({ prisma, project, deployment });
}
