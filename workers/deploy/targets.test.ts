import { describe, expect, it } from "vitest";
import { planDeployment, publicOutputs } from "./run-terraform";
import { awsTarget } from "./targets";

const awsOutputJson = JSON.stringify({
  server_ip: { sensitive: false, type: "string", value: "203.0.113.10" },
  server_url: { sensitive: false, type: "string", value: "https://203.0.113.10" },
  mqtt_host: { sensitive: false, type: "string", value: "203.0.113.10" },
  mqtt_port: { sensitive: false, type: "number", value: 8883 },
  mqtt_ws_url: { sensitive: false, type: "string", value: "wss://203.0.113.10:8884/mqtt" },
  swarm_id: { sensitive: false, type: "string", value: "greenhouse" },
  admin_password: { sensitive: true, type: "string", value: "never-returned" },
});

describe("terraform outputs", () => {
  it("reads output -json into values without the sensitive ones, and checks the AWS outputs", () => {
    expect(awsTarget.parseOutputs(publicOutputs(awsOutputJson))).toEqual({
      server_ip: "203.0.113.10",
      server_url: "https://203.0.113.10",
      mqtt_host: "203.0.113.10",
      mqtt_port: 8883,
      mqtt_ws_url: "wss://203.0.113.10:8884/mqtt",
      swarm_id: "greenhouse",
    });
  });

  it("says which AWS output is missing or wrong", () => {
    const values = publicOutputs(awsOutputJson);
    delete values.mqtt_port;
    values.server_url = "not a url";
    expect(() => awsTarget.parseOutputs(values)).toThrow(
      /The aws module's outputs are not what the app expects \(server_url: .*; mqtt_port: .*\)/,
    );
  });

  it("refuses output that is not terraform's JSON", () => {
    expect(() => publicOutputs("Error: no state")).toThrow("terraform output -json did not print JSON");
    expect(() => publicOutputs("[]")).toThrow("did not print an object of outputs");
    expect(() => publicOutputs('{"x":{"sensitive":false}}')).toThrow("terraform output x has no value");
  });

  it("points at the module in this repository and passes only AWS credentials", () => {
    expect(awsTarget.moduleDir).toMatch(/infra\/terraform\/aws$/);
    expect(awsTarget.network).toBe(true);
    expect(awsTarget.credentialEnv).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]);
  });
});

describe("credentials", () => {
  it("refuses an environment variable the target does not take, before anything runs", async () => {
    const ctx = { emit: () => {}, log: () => {}, signal: new AbortController().signal };
    const input = { target: awsTarget, workDir: "/nonexistent/deploy", variables: {}, credentials: { PATH: "/evil" } };
    await expect(planDeployment(ctx, input)).rejects.toThrow(
      "Credential PATH is not one the aws target takes (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)",
    );
  });
});
