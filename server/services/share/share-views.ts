import type { getDeploy } from "../deploy/get-deploy";

type DeployView = Awaited<ReturnType<typeof getDeploy>>;

/**
 * The deployment as a link holder sees it: status, target, public outputs and which nodes need a
 * rebuild, but not the plan awaiting approval (the infrastructure in detail) nor the deploy job whose
 * log is the owner's.
 */
export function shareDeployView(view: DeployView): DeployView {
  return { ...view, planText: null, jobId: null };
}
