import { AppError } from "../../../contracts/errors";
import { retireLocalServer } from "../../deploy/local-aggregators";
import type { PrismaClient, Project } from "../../generated/prisma/client";
import { assertNoDeployRunning, runDeployJob } from "./run-deploy-job";

/**
 * Local: stops the swarm's server and revokes every node login; telemetry already stored is kept.
 * AWS: enqueues a terraform destroy of everything the stored state tracks.
 */
export async function destroyDeploy(prisma: PrismaClient, project: Project) {
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment || deployment.status === "destroyed") throw new AppError("CONFLICT", "This project is not deployed.");
  if (deployment.target === "aws") {
    await assertNoDeployRunning(prisma, project.id);
    const { jobId } = await runDeployJob(prisma, {
      projectId: project.id,
      deploymentId: deployment.id,
      action: "destroy",
      previousJobId: deployment.jobId,
    });
    return { status: "destroying" as const, jobId };
  }
  await retireLocalServer(prisma, project.id);
  await prisma.deployment.update({
    where: { id: deployment.id },
    data: { status: "destroyed", credentials: null, error: null },
  });
  return { status: "destroyed" as const };
}
