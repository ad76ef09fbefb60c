import type { Aggregator } from "../../infra/aggregator";
import { AppError } from "../../contracts/errors";
import { getBroker } from "../broker";
import { getDb } from "../db";
import type { PrismaClient, Project } from "../generated/prisma/client";
import { localAggregator, startLocalAggregator } from "./local-aggregators";

/** The project's running aggregator, restarted after an app restart; CONFLICT when it is not deployed. */
export async function ensureAggregator(prisma: PrismaClient, project: Project): Promise<Aggregator> {
  const running = localAggregator(project.id);
  if (running) return running;
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment || deployment.status !== "deployed" || deployment.target !== "local" || !deployment.credentials) {
    throw new AppError("CONFLICT", "This swarm has no server yet: deploy it in the Deploy stage first.");
  }
  const db = await getDb();
  return startLocalAggregator({ sql: db.sql, broker: await getBroker(db.prisma), project, deployment });
}
