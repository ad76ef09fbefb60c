import { AppError } from "../../../contracts/errors";
import type { PrismaClient, Project } from "../../generated/prisma/client";
import { cancelJob } from "../../queue/cancel";

/**
 * Stops the deployment's running terraform job. A job still waiting for a worker ends at once (nothing ran); a
 * running one is interrupted at its next heartbeat, and the worker still sends back the state the killed run left.
 */
export async function cancelDeploy(prisma: PrismaClient, project: Project) {
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  const job = deployment?.jobId
    ? await prisma.job.findUnique({ where: { id: deployment.jobId }, select: { status: true } })
    : null;
  if (!deployment || !job || (job.status !== "queued" && job.status !== "active")) {
    throw new AppError("CONFLICT", "No deploy of this project is running.");
  }
  const { status } = await cancelJob(prisma, deployment.jobId!);
  if (status === "cancelled") {
    await prisma.deployment.update({
      where: { id: deployment.id },
      data: { status: "failed", error: "Cancelled before a worker started it: terraform did not run." },
    });
  }
  return { status };
}
