import { describe, expect, it } from "vitest";
import { readServerEvents } from "./server-events";

async function collect(chunks: string[]) {
  const events = [];
  for await (const event of readServerEvents(chunks)) events.push(event);
  return events;
}

const node = {
  swarmId: "s",
  nodeId: "n1",
  online: true,
  lastSeen: null,
  changedAt: "2026-01-01T00:00:00Z",
  reason: "",
};

describe("reading the aggregator's server-sent events", () => {
  it("joins events split across chunks and drops hello and keep-alives", async () => {
    const events = await collect([
      'event: hello\ndata: {"swarmId":"s","nodes":[]}\n\n: keep-alive\n\nevent: no',
      `de\ndata: ${JSON.stringify({ type: "node", state: node })}\n`,
      '\nevent: record\ndata: {"type":"record","swarmId":"s","nodeId":"n1","kind":"telemetry","ts":"t","record":{"x":1}}\n\n',
    ]);
    expect(events).toEqual([
      { type: "node", state: node },
      { type: "record", swarmId: "s", nodeId: "n1", kind: "telemetry", ts: "t", record: { x: 1 } },
    ]);
  });

  it("keeps an unfinished event until its blank line arrives", async () => {
    expect(await collect(['event: alert\ndata: {"type":"alert","alert":{}}\n'])).toEqual([]);
  });

  it("refuses an event whose name and body disagree", async () => {
    await expect(collect(['event: alert\ndata: {"type":"record"}\n\n'])).rejects.toThrow(
      /"alert" event holding a "record"/,
    );
  });
});
