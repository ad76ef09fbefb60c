import { describe, expect, it } from "vitest";
import { nodeTopic, parseNodeTopic, swarmTopicFilter } from "./topics";

describe("node topics", () => {
  it("names the topics the firmware templates publish to and parses them back", () => {
    expect(nodeTopic("greenhouse", "sensor-1", "telemetry")).toBe("swarm/greenhouse/nodes/sensor-1/telemetry");
    expect(parseNodeTopic("swarm/greenhouse/nodes/sensor-1/events")).toEqual({
      swarmId: "greenhouse",
      nodeId: "sensor-1",
      channel: "events",
    });
    expect(swarmTopicFilter("greenhouse")).toBe("swarm/greenhouse/#");
  });

  it("refuses other topics, unknown channels and wildcards", () => {
    expect(parseNodeTopic("swarm/g/nodes/a/status")).toBeNull();
    expect(parseNodeTopic("swarm/g/nodes/+/telemetry")).toBeNull();
    expect(parseNodeTopic("other/g/nodes/a/telemetry")).toBeNull();
  });
});
