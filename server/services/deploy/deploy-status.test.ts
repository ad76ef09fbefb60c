import { describe, expect, it } from "vitest";
import { reconcileWithJob, statusAfterRun } from "./deploy-status";

describe("deploy status", () => {
  it("moves through plan, apply and destroy on success", () => {
    expect(statusAfterRun("plan", { ok: true, state: null, plan: "AA==", planText: "x" })).toEqual({
      status: "awaiting-approval",
      error: null,
    });
    expect(statusAfterRun("apply", { ok: true, state: "AA==" }).status).toBe("deployed");
    expect(statusAfterRun("destroy", { ok: true, state: "AA==" }).status).toBe("destroyed");
  });

  it("a failed apply keeps terraform's words and says the state was kept", () => {
    const after = statusAfterRun("apply", { ok: false, state: "AA==", step: "apply", error: "Error: boom" });
    expect(after.status).toBe("failed");
    expect(after.error).toContain("Applying failed at terraform apply:\nError: boom");
    expect(after.error).toContain("The Terraform state was kept");
  });

  it("a cancelled destroy says so; a failed plan has no state to mention", () => {
    expect(
      statusAfterRun("destroy", { ok: false, state: "AA==", step: "destroy", error: "killed", cancelled: true }).error,
    ).toMatch(/^Destroying was cancelled:/);
    expect(statusAfterRun("plan", { ok: false, state: null, step: "init", error: "no" }).error).not.toContain("state");
  });

  it("a running deployment whose job ended without a report is failed with the job's error", () => {
    expect(reconcileWithJob({ status: "applying" }, { status: "active", error: null })).toBeNull();
    expect(reconcileWithJob({ status: "deployed" }, { status: "failed", error: "x" })).toBeNull();
    expect(reconcileWithJob({ status: "planning" }, { status: "failed", error: "lease expired" })).toEqual({
      status: "failed",
      error: "The deploy job ended without reporting back: lease expired",
    });
    expect(reconcileWithJob({ status: "destroying" }, null)?.error).toContain("its deploy job is gone");
  });
});
