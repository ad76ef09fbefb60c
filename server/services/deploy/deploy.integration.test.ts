/**
 * The local target end to end: deploy, then nodes publish to the app's broker with the logins the
 * deploy generated; every message is stored, a threshold and an absence raise alerts, and a wrong
 * password is refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { deployLocally, startTestBroker } from "../../../test/support/test-broker";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../../contracts/spec/schema";
import { createOwnedProject } from "../../../test/support/owners";
import type { SwarmBroker } from "../../broker/swarm-broker";
import { connectDatabase, type Database } from "../../db/connect";
import { openDeploymentSecrets } from "../../deploy/deployment-secrets";
import { localAggregator, stopLocalAggregator } from "../../deploy/local-aggregators";
import { destroyDeploy } from "./destroy-deploy";
import { getDeploy } from "./get-deploy";
import { sensorNode } from "@/test/support/spec-nodes";

let db: Database;
let dir: string;
let broker: SwarmBroker;

const node = (id: string, index: number) => sensorNode(id, { position: { x: index * 100, y: 0 } });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-deploy-"));
  process.env.DATA_DIR = dir;
  db = await connectDatabase({ dataDir: dir });
  broker = await startTestBroker(db);
});

afterAll(async () => {
  await broker?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("local deploy", () => {
  it("stores every message of five nodes, raises a threshold and an absence alert, refuses a wrong password", async () => {
    const nodes = Array.from({ length: 5 }, (_, i) => node(`n${i}`, i));
    const project = await createOwnedProject(db.prisma, {
      name: "Deployed",
      spec: {
        ...emptySpec("Deployed"),
        nodes,
        rules: [
          { when: "temperature > 30", then: "alert" },
          { when: "no data from n4 for 2 s", then: "alert" },
        ],
      },
    });
    const deployed = await deployLocally(db, broker, project);
    expect(deployed).toMatchObject({ outputs: { swarm_id: project.slug, mqtt_port: broker.port } });
    const view = await getDeploy(db.prisma, project);
    expect(view).toMatchObject({ status: "deployed", target: "local", needsRebuild: nodes.map((n) => n.id) });
    expect(JSON.stringify(view)).not.toMatch(/password/i);

    const secrets = openDeploymentSecrets(
      (await db.prisma.deployment.findUniqueOrThrow({ where: { projectId: project.id } })).credentials!,
    );
    await expect(
      mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
        username: secrets.nodes.n0.username,
        password: "wrong",
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow();

    const clients = await Promise.all(
      nodes.map((n) =>
        mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { ...secrets.nodes[n.id], reconnectPeriod: 0 }),
      ),
    );
    const perNode = 20;
    for (let i = 0; i < perNode; i += 1) {
      await Promise.all(
        clients.map((client, index) => {
          const hot = index === 0 && i === perNode - 1;
          const body = JSON.stringify({ temperature: hot ? 35 : 20 + i / 10, seq: i });
          // n4 goes quiet halfway, so its absence rule fires.
          if (index === 4 && i >= perNode / 2) return Promise.resolve();
          return client.publishAsync(`swarm/${project.slug}/nodes/${nodes[index].id}/telemetry`, body, { qos: 1 });
        }),
      );
    }
    const aggregator = await localAggregator(project.id)!;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    aggregator.tick(Date.now());
    await aggregator.flush();
    const stored = await db.sql.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM aggregator_telemetry WHERE swarm_id = $1",
      [project.slug],
    );
    expect(stored[0].count).toBe(4 * perNode + perNode / 2);
    const alerts = await aggregator.listAlerts(project.slug);
    expect(alerts.map((a) => a.nodeId).sort()).toEqual(["n0", "n4"]);
    await Promise.all(clients.map((client) => client.endAsync()));

    await destroyDeploy(db.prisma, project);
    expect(localAggregator(project.id)).toBeNull();
    await expect(
      mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { ...secrets.nodes.n0, reconnectPeriod: 0 }),
    ).rejects.toThrow();
    await stopLocalAggregator(project.id);
  });
});
