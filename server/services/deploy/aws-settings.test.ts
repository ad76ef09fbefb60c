import { describe, expect, it } from "vitest";
import { awsDeploymentSecrets, awsRunConfig, missingAwsSecretsMessage } from "./aws-settings";

describe("AWS deploy settings", () => {
  it("names each missing secret and where to set it", () => {
    expect(missingAwsSecretsMessage(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])).toBeNull();
    expect(missingAwsSecretsMessage(["AWS_ACCESS_KEY_ID"])).toMatch(
      /^AWS deploys need the project secret AWS_SECRET_ACCESS_KEY: set it in the Build stage's Secrets panel/,
    );
    expect(missingAwsSecretsMessage([])).toContain("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: set them");
  });

  it("keeps an earlier deployment's logins and issues ones the module accepts for new nodes", () => {
    const first = awsDeploymentSecrets(["n1"], null);
    expect(first.nodes.n1.username).toBe("n1");
    expect(first.nodes.n1.password).toMatch(/^[!-9;-~]{12,128}$/);
    expect(first.aggregatorToken).toMatch(/^[A-Za-z0-9._~-]{16,256}$/);
    const second = awsDeploymentSecrets(["n1", "n2"], first);
    expect(second.nodes.n1).toEqual(first.nodes.n1);
    expect(second.aggregatorToken).toBe(first.aggregatorToken);
    expect(second.nodes.n2.password).not.toBe(first.nodes.n1.password);
  });

  it("passes only AWS credentials to the environment and the rest as module variables", () => {
    const logins = { nodes: { n1: { username: "n1", password: "p".repeat(16) } }, aggregatorToken: "t".repeat(20) };
    const config = awsRunConfig({
      secrets: { AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s", AWS_REGION: "us-east-1", WIFI: "w" },
      swarmId: "greenhouse",
      logins,
    });
    expect(config.credentials).toEqual({ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s" });
    expect(config.variables).toMatchObject({
      region: "us-east-1",
      ssh_cidr: "127.0.0.1/32",
      swarm_id: "greenhouse",
      node_credentials: { n1: "p".repeat(16) },
      aggregator_token: "t".repeat(20),
    });
  });
});
