/**
 * The broker CA placeholder: a node of an AWS deployment gets the CA its server publishes (fetched for the
 * build), a local deployment's node gets "" (plain TCP), and an unreachable CA stops the build with a clear error.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../../contracts/spec/schema";
import { createOwnedProject } from "../../../test/support/owners";
import { connectDatabase, type Database } from "../../db/connect";
import { sealDeploymentSecrets } from "../../deploy/deployment-secrets";
import { resolveNodeConfig } from "./resolve-node-config";

const CA = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
let db: Database;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-node-config-"));
  process.env.DATA_DIR = dir;
  db = await connectDatabase({ dataDir: dir });
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function deployedProject(target: "aws" | "local", outputs: Record<string, string | number>) {
  const project = await createOwnedProject(db.prisma, { name: `CA ${target}`, spec: emptySpec(`CA ${target}`) });
  await db.prisma.deployment.create({
    data: {
      projectId: project.id,
      target,
      status: "deployed",
      outputs,
      credentials: sealDeploymentSecrets({ nodes: { n1: { username: "n1", password: "pw-n1-0123456789" } } }),
    },
  });
  return project;
}

const AWS_OUTPUTS = { server_url: "https://203.0.113.10", mqtt_host: "203.0.113.10", mqtt_port: 8883 };

describe("resolveNodeConfig: the broker's CA", () => {
  it("fills MQTT_CA_PEM for a node of an AWS deployment with the CA its server publishes", async () => {
    const project = await deployedProject("aws", AWS_OUTPUTS);
    const asked: string[] = [];
    const fetchCa = async (url: URL) => {
      asked.push(url.href);
      return CA;
    };
    const config = await resolveNodeConfig(
      db.prisma,
      { projectId: project.id, nodeId: "n1", serverUrl: "http://app" },
      { fetchCa },
    );
    expect(asked).toEqual(["https://203.0.113.10/"]);
    expect(config.values).toMatchObject({ MQTT_HOST: "203.0.113.10", MQTT_PORT: "8883", MQTT_CA_PEM: CA });
  });

  it("leaves it empty for a local deployment and without one, never asking for a CA", async () => {
    const local = await deployedProject("local", {
      server_url: "http://127.0.0.1:3000",
      mqtt_host: "127.0.0.1",
      mqtt_port: 1883,
    });
    const none = await createOwnedProject(db.prisma, { name: "Undeployed", spec: emptySpec("Undeployed") });
    const fetchCa = async (): Promise<string> => {
      throw new Error("must not be asked");
    };
    for (const project of [local, none]) {
      const config = await resolveNodeConfig(
        db.prisma,
        { projectId: project.id, nodeId: "n1", serverUrl: "http://app" },
        { fetchCa },
      );
      expect(config.values.MQTT_CA_PEM).toBe("");
    }
  });

  it("stops the build with a clear error when the AWS server's CA cannot be fetched", async () => {
    const project = await deployedProject("aws", AWS_OUTPUTS);
    const fetchCa = async (): Promise<string> => {
      throw new Error("connect ECONNREFUSED 203.0.113.10:443");
    };
    const resolving = resolveNodeConfig(
      db.prisma,
      { projectId: project.id, nodeId: "n1", serverUrl: "http://app" },
      { fetchCa },
    );
    // A 400 fails the build with this message (a 409 would read as a lost lease).
    await expect(resolving).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(resolving).rejects.toThrow(
      "The deployed server's CA certificate could not be fetched from https://203.0.113.10/ca.crt (connect ECONNREFUSED 203.0.113.10:443)",
    );
  });
});
