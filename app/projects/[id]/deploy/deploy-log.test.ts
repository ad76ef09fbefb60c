import { describe, expect, it } from "vitest";
import { addDeployEvent, emptyDeployLog, type DeployJobEvent } from "./deploy-log";

const events: DeployJobEvent[] = [
  { seq: 1, type: "queued", data: { kind: "deploy" } },
  { seq: 2, type: "step", data: { step: "init", status: "started" } },
  { seq: 3, type: "log", data: { line: "Initializing the backend..." } },
  { seq: 4, type: "step", data: { step: "init", status: "succeeded", durationMs: 812 } },
  { seq: 5, type: "step", data: { step: "apply", status: "started" } },
  { seq: 6, type: "step", data: { step: "apply", status: "failed", durationMs: 90, error: "Error: boom" } },
  { seq: 7, type: "failed", data: { error: "terraform apply failed" } },
];

describe("the deploy job's log", () => {
  it("keeps each terraform step's latest status, the lines and the job's end", () => {
    const log = events.reduce(addDeployEvent, emptyDeployLog);
    expect(log.steps).toEqual([
      { step: "init", status: "succeeded", durationMs: 812 },
      { step: "apply", status: "failed", durationMs: 90 },
    ]);
    expect(log.lines).toEqual([{ seq: 3, line: "Initializing the backend..." }]);
    expect(log.ended).toBe("failed");
  });

  it("ignores a replayed line", () => {
    const once = events.slice(0, 3).reduce(addDeployEvent, emptyDeployLog);
    expect(addDeployEvent(once, events[2]).lines).toHaveLength(1);
  });
});
