import { describe, expect, it } from "vitest";
import { afterFailure, afterLeaseExpired, backoffMs, isTerminal, jobStatuses } from "./state";
import { describeWaiting } from "./waiting";

describe("job state machine", () => {
  it("treats succeeded, failed and cancelled as terminal", () => {
    expect(jobStatuses.filter(isTerminal)).toEqual(["succeeded", "failed", "cancelled"]);
  });

  it("backs off exponentially with a cap", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(60_000);
  });

  it("requeues an expired lease with backoff until attempts are spent", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const again = afterLeaseExpired({ attempts: 1, maxAttempts: 3, cancelRequested: false }, now);
    expect(again).toEqual({ status: "queued", runAfter: new Date(now.getTime() + 1000) });
    const spent = afterLeaseExpired({ attempts: 3, maxAttempts: 3, cancelRequested: false }, now);
    expect(spent.status).toBe("failed");
    expect(afterLeaseExpired({ attempts: 1, maxAttempts: 3, cancelRequested: true }, now)).toEqual({
      status: "cancelled",
    });
  });
});

describe("afterFailure", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const job = { attempts: 1, maxAttempts: 3, cancelRequested: false };

  it("requeues a retryable failure with backoff while attempts remain", () => {
    expect(afterFailure(job, true, now)).toEqual({ status: "queued", runAfter: new Date(now.getTime() + 1000) });
    expect(afterFailure({ ...job, attempts: 3 }, true, now)).toEqual({ status: "failed" });
  });

  it("fails a permanent failure at once and honours a cancel", () => {
    expect(afterFailure(job, false, now)).toEqual({ status: "failed" });
    expect(afterFailure({ ...job, cancelRequested: true }, true, now)).toEqual({ status: "cancelled" });
  });
});

describe("describeWaiting", () => {
  const arm = { capabilities: ["arm-gcc", "qemu-arm"] };
  const avr = { capabilities: ["avr-gcc"] };

  it("says when no worker is online at all", () => {
    expect(describeWaiting(["arm-gcc"], [])).toBe("waiting: no worker online");
  });

  it("names the missing capability", () => {
    expect(describeWaiting(["avr-gcc"], [arm])).toBe("waiting: no worker with avr-gcc online");
  });

  it("is null when some worker can take the job", () => {
    expect(describeWaiting(["arm-gcc", "qemu-arm"], [avr, arm])).toBeNull();
    expect(describeWaiting([], [avr])).toBeNull();
  });

  it("explains capabilities split across workers", () => {
    expect(describeWaiting(["arm-gcc", "avr-gcc"], [arm, avr])).toContain("no single online worker");
  });
});
