import { AppError } from "../../../contracts/errors";
import type { PrismaClient, Project } from "../../generated/prisma/client";
import { assertNoDeployRunning, runDeployJob } from "./run-deploy-job";

/** Applies the saved plan the person has just read: only while one awaits approval. */
export async function approveDeploy(prisma: PrismaClient, project: Project) {
  await assertNoDeployRunning(prisma, project.id);
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment || deployment.target !== "aws" || deployment.status !== "awaiting-approval" || !deployment.plan) {
    throw new AppError("CONFLICT", "There is no Terraform plan awaiting approval: press Deploy (AWS) to make one.");
  }
  const { jobId } = await runDeployJob(prisma, {
    projectId: project.id,
    deploymentId: deployment.id,
    action: "apply",
    previousJobId: deployment.jobId,
  });
  return { status: "applying" as const, jobId };
}
