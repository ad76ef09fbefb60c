import type { DeployAction } from "../../../contracts/jobs/deploy";
import type { DeployReport } from "../../../contracts/worker-api";

/** Statuses of an aws deployment; local ones use deployed | failed | destroyed. */
export type AwsDeployStatus =
  "planning" | "awaiting-approval" | "applying" | "deployed" | "destroying" | "destroyed" | "failed";

/** The status a deployment shows while its job runs, per action. */
export const runningStatus: Record<DeployAction, AwsDeployStatus> = {
  plan: "planning",
  apply: "applying",
  destroy: "destroying",
};

export const isRunningStatus = (status: string) => Object.values(runningStatus).includes(status as AwsDeployStatus);

/** The status after a successful run of each action. */
const succeededStatus: Record<DeployAction, AwsDeployStatus> = {
  plan: "awaiting-approval",
  apply: "deployed",
  destroy: "destroyed",
};

const actionWords: Record<DeployAction, string> = { plan: "Planning", apply: "Applying", destroy: "Destroying" };

/**
 * The error a deployment shows after a failed run: terraform's own words, which step, and that the state is
 * kept (so a later destroy still knows what exists).
 */
export function failureMessage(action: DeployAction, report: Extract<DeployReport, { ok: false }>): string {
  const how = report.cancelled ? "was cancelled" : `failed at terraform ${report.step}`;
  const kept = report.state ? " The Terraform state was kept: Destroy removes what was created." : "";
  return `${actionWords[action]} ${how}:\n${report.error}${action === "plan" ? "" : kept}`;
}

/** What a run's report does to the deployment's status and error. */
export function statusAfterRun(
  action: DeployAction,
  report: DeployReport,
): { status: AwsDeployStatus; error: string | null } {
  if (report.ok) return { status: succeededStatus[action], error: null };
  return { status: "failed", error: failureMessage(action, report) };
}

/**
 * A deployment still "planning/applying/destroying" whose job already ended never got its report (the worker
 * died, or the job failed before terraform ran): it is failed, with the job's own error.
 */
export function reconcileWithJob(
  deployment: { status: string },
  job: { status: string; error: string | null } | null,
): { status: "failed"; error: string } | null {
  if (!isRunningStatus(deployment.status)) return null;
  if (job && (job.status === "queued" || job.status === "active")) return null;
  const why = job?.error || (job ? `the deploy job ended as ${job.status}` : "its deploy job is gone");
  return { status: "failed", error: `The deploy job ended without reporting back: ${why}` };
}
