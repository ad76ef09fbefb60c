import { describe, expect, it } from "vitest";
import { mayPublish, maySubscribe, parseUsername, type Identity } from "./acl";

const node: Identity = { role: "node", swarmId: "farm", nodeId: "node-1" };
const gateway: Identity = { role: "gateway", swarmId: "farm", nodeId: "bridge" };
const aggregator: Identity = { role: "aggregator", swarmIds: ["farm"] };

describe("broker ACL", () => {
  it("lets a node publish only its own telemetry and events", () => {
    expect(mayPublish(node, "swarm/farm/nodes/node-1/telemetry")).toBe(true);
    expect(mayPublish(node, "swarm/farm/nodes/node-1/events")).toBe(true);
    expect(mayPublish(node, "swarm/farm/nodes/node-2/telemetry")).toBe(false);
    expect(mayPublish(node, "swarm/farm/nodes/node-1/command")).toBe(false);
    expect(mayPublish(node, "swarm/other/nodes/node-1/telemetry")).toBe(false);
    expect(mayPublish(node, "$SYS/anything")).toBe(false);
  });

  it("lets a node subscribe only to its own commands", () => {
    expect(maySubscribe(node, "swarm/farm/nodes/node-1/command")).toBe(true);
    expect(maySubscribe(node, "swarm/farm/nodes/+/command")).toBe(false);
    expect(maySubscribe(node, "swarm/farm/#")).toBe(false);
    expect(maySubscribe(node, "#")).toBe(false);
  });

  it("lets a gateway speak for any node of its swarm, never another swarm, never commands", () => {
    expect(mayPublish(gateway, "swarm/farm/nodes/node-7/telemetry")).toBe(true);
    expect(mayPublish(gateway, "swarm/farm/nodes/node-7/command")).toBe(false);
    expect(mayPublish(gateway, "swarm/barn/nodes/node-7/telemetry")).toBe(false);
  });

  it("gives the aggregator its own swarms only", () => {
    expect(mayPublish(aggregator, "swarm/farm/nodes/node-1/command")).toBe(true);
    expect(maySubscribe(aggregator, "swarm/farm/#")).toBe(true);
    expect(maySubscribe(aggregator, "swarm/barn/#")).toBe(false);
    expect(maySubscribe(aggregator, "#")).toBe(false);
  });

  it("reads `node` and `swarm/node` user names", () => {
    expect(parseUsername("node-1", ["farm"])).toEqual({ swarmId: "farm", nodeId: "node-1" });
    expect(parseUsername("barn/node-1", ["farm", "barn"])).toEqual({ swarmId: "barn", nodeId: "node-1" });
    expect(parseUsername("node-1", ["farm", "barn"])).toBeNull(); // ambiguous with two swarms
    expect(parseUsername("other/node-1", ["farm"])).toBeNull();
  });
});
