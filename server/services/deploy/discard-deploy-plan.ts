import { AppError } from "../../../contracts/errors";
import type { PrismaClient, Project } from "../../generated/prisma/client";

/**
 * Throws away a plan awaiting approval without applying it. The deployment goes back to what exists: deployed
 * when an earlier apply left outputs, failed when a state without outputs remains (Destroy clears it), else destroyed.
 */
export async function discardDeployPlan(prisma: PrismaClient, project: Project) {
  const deployment = await prisma.deployment.findUnique({ where: { projectId: project.id } });
  if (!deployment || deployment.status !== "awaiting-approval") {
    throw new AppError("CONFLICT", "There is no Terraform plan awaiting approval to discard.");
  }
  const status = deployment.outputs ? "deployed" : deployment.state ? "failed" : "destroyed";
  const error =
    status === "failed"
      ? "Plan discarded. An earlier run left resources in the Terraform state: Destroy removes them."
      : null;
  await prisma.deployment.update({
    where: { id: deployment.id },
    data: { status, error, plan: null, planText: null },
  });
  return { status };
}
