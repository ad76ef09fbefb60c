import { describe, expect, it } from "vitest";
import { deployReportBody } from "../../contracts/worker-api";
import { reportOf } from "./handle-deploy-job";

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe("the report a deploy run sends back", () => {
  it("carries the plan, its text and the state after a plan", () => {
    const report = reportOf({ ok: true, changes: true, planText: "Plan: 1 to add", plan: bytes("PK"), state: null });
    expect(report).toEqual({ ok: true, state: null, plan: "UEs=", planText: "Plan: 1 to add", changes: true });
    expect(deployReportBody.parse(report)).toEqual(report);
  });

  it("keeps the state of a failed or cancelled run, with terraform's error", () => {
    const report = reportOf({ ok: false, step: "apply", error: "Error: boom", state: bytes("{}"), cancelled: true });
    expect(report).toEqual({ ok: false, state: "e30=", step: "apply", error: "Error: boom", cancelled: true });
    expect(deployReportBody.parse(report)).toEqual(report);
  });

  it("carries the outputs of an apply", () => {
    const report = reportOf({ ok: true, outputs: { server_ip: "203.0.113.7" }, state: bytes("{}") });
    expect(report).toEqual({ ok: true, state: "e30=", outputs: { server_ip: "203.0.113.7" } });
  });
});
