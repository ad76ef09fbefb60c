import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// Pretend bwrap is not installed: the required mode must refuse to run anything.
vi.mock("./host-tools", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./host-tools")>();
  return { ...actual, findExecutable: (name: string) => (name === "bwrap" ? null : actual.findExecutable(name)) };
});

const { checkSandbox, runSandboxed } = await import("./run-sandboxed");

describe("SANDBOX=required without bubblewrap", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("throws the actionable error instead of running unsandboxed", async () => {
    const workDir = await mkdtemp(path.join(os.tmpdir(), "sandbox-missing-"));
    dirs.push(workDir);
    vi.stubEnv("SANDBOX", "required");
    await expect(runSandboxed({ command: "true", args: [], workDir })).rejects.toThrow(
      "SANDBOX=required but bubblewrap (bwrap) is not installed: apt-get install bubblewrap, or set SANDBOX=off " +
        "to run untrusted firmware builds unsandboxed",
    );
    vi.unstubAllEnvs();
  });

  it("reports it in the diagnostics check", async () => {
    expect(await checkSandbox()).toEqual({
      ok: false,
      detail: expect.stringContaining("bubblewrap (bwrap) is not installed"),
    });
  });
});
