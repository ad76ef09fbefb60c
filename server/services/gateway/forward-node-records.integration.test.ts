import { mkdtempSync, rmSync } from "node:fs";
import { startTestBroker } from "../../../test/support/test-broker";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySpec } from "../../../contracts/spec/schema";
import { createOwnedProject } from "../../../test/support/owners";
import { issueBrokerCredential } from "../../broker/credentials";
import type { SwarmBroker } from "../../broker/swarm-broker";
import { connectDatabase, type Database } from "../../db/connect";
import { forwardNodeRecords } from "./forward-node-records";

let db: Database;
let dir: string;
let broker: SwarmBroker;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "swarm-gateway-"));
  db = await connectDatabase({ dataDir: dir });
  broker = await startTestBroker(db);
});

afterAll(async () => {
  await broker?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("browser gateway", () => {
  it("publishes a USB node's records on its own topics, and refuses a node that is not in the design", async () => {
    const node = {
      id: "usb-probe",
      name: "USB probe",
      board: "arduino-uno",
      role: "sensor" as const,
      behavior: "",
      telemetry: { intervalMs: 1000, fields: ["temperature"] },
      position: { x: 0, y: 0 },
    };
    const project = await createOwnedProject(db.prisma, {
      name: "Gateway",
      spec: { ...emptySpec("Gateway"), nodes: [node] },
    });
    const listener = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      ...(await issueBrokerCredential(db.prisma, { projectId: project.id, role: "bridge" })),
      reconnectPeriod: 0,
    });
    const heard: string[] = [];
    listener.on("message", (topic, payload) => heard.push(`${topic} ${payload}`));
    await listener.subscribeAsync(`swarm/${project.slug}/#`, { qos: 1 });
    const access = { url: "", bridgeCredential: async () => ({ username: "", password: "" }), publish: broker.publish };

    const result = await forwardNodeRecords(access, {
      project,
      nodeId: "usb-probe",
      records: [
        { kind: "telemetry", record: { temperature: 21.5 } },
        { kind: "event", record: { event: "boot" } },
      ],
    });
    expect(result).toEqual({ published: 2 });
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toEqual([
      `swarm/${project.slug}/nodes/usb-probe/telemetry {"temperature":21.5}`,
      `swarm/${project.slug}/nodes/usb-probe/events {"event":"boot"}`,
    ]);
    await expect(
      forwardNodeRecords(access, { project, nodeId: "stranger", records: [{ kind: "telemetry", record: {} }] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await listener.endAsync();
  });
});
