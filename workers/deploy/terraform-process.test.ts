import { describe, expect, it, vi } from "vitest";

// Pretend terraform is not on PATH, whatever this machine has.
vi.mock("../sandbox/host-tools", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../sandbox/host-tools")>();
  return { ...actual, findExecutable: (name: string) => (name === "terraform" ? null : actual.findExecutable(name)) };
});

const { resolveTerraformBinary, terraformBwrapArgs } = await import("./terraform-process");

describe("resolveTerraformBinary", () => {
  it("says how to fix a missing terraform", () => {
    expect(() => resolveTerraformBinary()).toThrow(
      "terraform is not installed on this worker (not on PATH): install the terraform binary (it is not in " +
        "Debian's archive) and restart the worker",
    );
    expect(() => resolveTerraformBinary("/nowhere/terraform")).toThrow(/no file at \/nowhere\/terraform/);
  });
});

describe("terraformBwrapArgs", () => {
  const binary = process.execPath; // any host executable stands in for terraform here

  it("makes the binary visible, keeps loopback-only networking and takes the environment from the spawn", async () => {
    const args = await terraformBwrapArgs(binary, false, 1024 ** 3);
    expect(args).toContain("--unshare-all");
    expect(args).not.toContain("--share-net");
    expect(args).not.toContain("--clearenv");
    const binds = args.flatMap((arg, i) => (arg === "--ro-bind" ? [args[i + 1]] : []));
    expect(binds).toContain(binary);
  });

  it("keeps the network namespace, with resolver and CA files, only where the target needs it", async () => {
    const args = await terraformBwrapArgs(binary, true, 1024 ** 3);
    const shared = args.indexOf("--share-net");
    expect(shared).toBeGreaterThan(args.indexOf("--unshare-all"));
    // Mounts must come before the read-only remounts, or bwrap cannot create their mount points.
    expect(shared).toBeLessThan(args.indexOf("--remount-ro"));
    expect(args.join(" ")).toContain("--ro-bind-try /etc/resolv.conf /etc/resolv.conf");
    expect(args.join(" ")).toContain("--ro-bind-try /etc/ssl/certs /etc/ssl/certs");
  });
});
