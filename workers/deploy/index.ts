/**
 * The Terraform half of Deploy: plain async functions over an injected context (emit, log, signal). A deploy job
 * kind calls planDeployment, shows planText for approval, then applyDeployment (a separate call) or
 * destroyDeployment, storing the returned state (and plan) bytes encrypted and handing them back on the next run.
 */
export { applyDeployment, destroyDeployment, planDeployment } from "./run-terraform";
export { awsOutputsSchema, awsTarget, terraformTargets } from "./targets";
export type { AwsDeployOutputs, TerraformTargetName } from "./targets";
export type {
  ApplyResult,
  DeployContext,
  DeployEvent,
  DeploymentInput,
  DestroyResult,
  PlanResult,
  TerraformFailure,
  TerraformStep,
  TerraformTarget,
} from "./types";
