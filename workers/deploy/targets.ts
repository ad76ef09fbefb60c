import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { awsOutputsSchema } from "../../contracts/jobs/deploy";
import type { TerraformTarget } from "./types";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export { awsOutputsSchema, type AwsDeployOutputs } from "../../contracts/jobs/deploy";

function parseWith(schema: z.ZodType<Record<string, unknown>>, target: string) {
  return (values: Record<string, unknown>) => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "outputs"}: ${issue.message}`);
    throw new Error(`The ${target} module's outputs are not what the app expects (${problems.join("; ")})`);
  };
}

export const awsTarget: TerraformTarget = {
  name: "aws",
  moduleDir: path.join(repoRoot, "infra/terraform/aws"),
  // init downloads hashicorp/aws from the registry and every later step calls the AWS APIs.
  network: true,
  credentialEnv: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"],
  sensitiveVariables: ["node_credentials", "aggregator_token"],
  limits: {
    // Creating an instance, its address and its security group takes minutes; destroying it too.
    timeMs: 30 * 60_000,
    cpuSeconds: 30 * 60,
    // The aws provider plugin is a ~700 MB binary: it has to be downloaded (file size) and mapped (address space).
    memoryBytes: 8 * 1024 ** 3,
    fileBytes: 2 * 1024 ** 3,
    outputBytes: 16 * 1024 ** 2,
  },
  parseOutputs: parseWith(awsOutputsSchema, "aws"),
};

/** The targets a deploy job can name. */
export const terraformTargets = { aws: awsTarget } as const;
export type TerraformTargetName = keyof typeof terraformTargets;
