import { describe, expect, it } from "vitest";
import { onNodeRecord, publishNodeRecord, type NodeRecord } from "./node-records";

describe("publishNodeRecord", () => {
  it("hands each record to every listener until it unsubscribes", () => {
    const seen: NodeRecord[] = [];
    const stop = onNodeRecord((record) => seen.push(record));
    const record: NodeRecord = { nodeId: "a", kind: "telemetry", record: { seq: 1 }, receivedAt: 1 };
    publishNodeRecord(record);
    stop();
    publishNodeRecord(record);
    expect(seen).toEqual([record]);
  });
});
