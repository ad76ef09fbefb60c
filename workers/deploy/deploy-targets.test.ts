import path from "node:path";
import { describe, expect, it } from "vitest";
import { configuredDeployTargets, deployDataDir } from "./deploy-targets";
import { terraformTargets } from "./targets";

describe("the worker's deploy targets", () => {
  it("are the real modules unless the worker's own configuration points at a folder of stand-ins", () => {
    expect(configuredDeployTargets({})).toBe(terraformTargets);
    const here = path.dirname(new URL(import.meta.url).pathname);
    const table = configuredDeployTargets({ DEPLOY_TERRAFORM_TARGETS_DIR: path.join(here, "testdata/swarm") });
    expect(table.aws.moduleDir).toBe(path.join(here, "testdata/swarm/aws"));
    expect(table.aws.network).toBe(false);
    // Redaction and output checks stay the real target's.
    expect(table.aws.sensitiveVariables).toEqual(terraformTargets.aws.sensitiveVariables);
    expect(table.aws.parseOutputs).toBe(terraformTargets.aws.parseOutputs);
  });

  it("keeps a target whose stand-in folder does not exist", () => {
    expect(configuredDeployTargets({ DEPLOY_TERRAFORM_TARGETS_DIR: "/nonexistent" }).aws).toBe(terraformTargets.aws);
  });

  it("keeps deployments under the worker's data dir", () => {
    expect(deployDataDir({ WORKER_DATA_DIR: "/var/lib/worker" })).toBe("/var/lib/worker/deployments");
    expect(deployDataDir({ DATA_DIR: "/data" })).toBe("/data/worker/deployments");
  });
});
