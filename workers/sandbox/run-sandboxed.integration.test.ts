import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkSandbox, runSandboxed } from "./run-sandboxed";
import type { SandboxRun } from "./types";

const dirs: string[] = [];
let workDir = "";
beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "sandbox-test-"));
  dirs.push(workDir);
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const sh = (script: string, extra: Partial<SandboxRun> = {}) =>
  runSandboxed({ command: "sh", args: ["-c", script], workDir, ...extra });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runSandboxed with bubblewrap (SANDBOX=required)", () => {
  it("passes the diagnostics check", async () => {
    const check = await checkSandbox();
    expect(check.ok, check.detail).toBe(true);
  });

  it("runs a command in /build as uid 65534 with only /build (and a private /tmp) writable", async () => {
    const result = await sh(
      `id -u; pwd; echo made > /build/out.txt && echo build-ok
       for target in /x /etc/x /usr/x /usr/local/x /dev/x; do touch "$target" 2>/dev/null && echo "wrote $target"; done
       echo scratch > /tmp/scratch && echo tmp-ok`,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split("\n").slice(0, 3)).toEqual(["65534", "/build", "build-ok"]);
    expect(result.stdout).not.toContain("wrote");
    expect(result.stdout).toContain("tmp-ok");
    expect(readFileSync(path.join(workDir, "out.txt"), "utf8")).toBe("made\n");
    // The sandbox's /tmp is its own tmpfs, gone with the run.
    expect(existsSync("/tmp/scratch")).toBe(false);
  });

  it("hides the host's /etc, home directories and the worker's environment", async () => {
    vi.stubEnv("SANDBOX_TEST_SECRET", "do-not-leak");
    const result = await sh(
      `cat /etc/passwd; cat /etc/hostname; cat /etc/shadow; ls /root /home /work; env; cat /proc/1/cmdline`,
      { env: { BUILD_FLAG: "visible" } },
    );
    expect(result.stderr).toMatch(/\/etc\/passwd: No such file or directory/);
    expect(result.stderr).toMatch(/\/etc\/hostname: No such file or directory/);
    expect(result.stdout).not.toContain("root:x:0:0");
    expect(result.stdout).not.toContain("do-not-leak");
    expect(result.stdout).toContain("BUILD_FLAG=visible");
    expect(result.stdout).toContain("HOME=/tmp");
    // The work directory is bound by fd: its host path is nowhere inside, not even in bwrap's command line.
    expect(result.stdout).not.toContain(workDir);
  });

  it("binds only the tool's own files of /usr: no os-release, no other programs, no documentation", async () => {
    const result = await sh(
      "cat /usr/lib/os-release; ls /usr/share/doc; test -e /usr/bin/gcc && echo host-gcc; echo done",
    );
    expect(result.stdout).toBe("done\n");
    expect(result.stderr).toMatch(/\/usr\/lib\/os-release: No such file or directory/);
    // The compiler's run sees its own tree and the C library, still nothing else.
    const gcc = await sh("test -d /usr/lib/gcc/arm-none-eabi && echo gcc-tree; cat /usr/lib/os-release", {
      tools: ["arm-none-eabi-gcc"],
    });
    expect(gcc.stdout).toBe("gcc-tree\n");
  });

  it("has no network: a server on the host's 127.0.0.1 is unreachable and names do not resolve", async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const result = await runSandboxed({
        command: "bash",
        args: ["-c", `timeout 2 bash -c '</dev/tcp/127.0.0.1/${port}' && echo connected; getent hosts example.com`],
        workDir,
      });
      expect(result.stdout).not.toContain("connected");
      expect(result.stderr).toMatch(/Connection refused|Network is unreachable/);
      expect(result.exitCode).not.toBe(0);
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });

  it("kills the whole process tree at the time limit", async () => {
    const started = Date.now();
    const result = await sh("(sleep 1; touch /build/late) & sleep 100", { limits: { timeMs: 300 } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ timedOut: true, exitCode: null, limitHit: "time limit of 0.3 s exceeded" });
    // The background child went with it: nothing is left to write the file later.
    await sleep(1300);
    expect(existsSync(path.join(workDir, "late"))).toBe(false);
  });

  it("kills a run that prints more than the output limit", async () => {
    const result = await runSandboxed({ command: "yes", args: [], workDir });
    expect(result.outputTruncated).toBe(true);
    expect(result.limitHit).toBe("output limit of 1 MiB exceeded");
    expect(result.stdout.length).toBe(1024 ** 2);
  });

  it("stops an allocation beyond the memory limit", async () => {
    const result = await runSandboxed({
      command: "python3",
      args: ["-c", "b = bytearray(1 << 30)"],
      workDir,
      limits: { memoryBytes: 256 * 1024 ** 2 },
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.limitHit).toBe("memory limit of 256 MiB exceeded");
  });

  it("ends a busy loop at the CPU limit (SIGXCPU) and a big write at the file size limit (SIGXFSZ)", async () => {
    const cpu = await sh("while :; do :; done", { limits: { cpuSeconds: 1 } });
    expect(cpu).toMatchObject({ signal: "SIGXCPU", exitCode: 152, limitHit: "CPU time limit of 1 s exceeded" });
    const file = await sh("head -c 2000000 /dev/zero > /build/big", { limits: { fileBytes: 1024 ** 2 } });
    expect(file.limitHit).toBe("file size limit of 1 MiB exceeded");
    expect((await stat(path.join(workDir, "big"))).size).toBe(1024 ** 2);
  });

  it("feeds stdin and reports a signal death in both forms", async () => {
    expect((await runSandboxed({ command: "cat", args: [], workDir, stdin: "hello" })).stdout).toBe("hello");
    expect(await sh("kill -SEGV $$")).toMatchObject({ exitCode: 139, signal: "SIGSEGV", limitHit: null });
  });

  it("refuses, with a clear reason, a work directory nobody cannot reach", async () => {
    // npm test runs as root (it installs system packages), which is when the sandbox drops to nobody.
    expect(process.getuid?.(), "this test needs root, as npm test has").toBe(0);
    const hidden = path.join(workDir, "private");
    await mkdir(path.join(hidden, "job"), { recursive: true, mode: 0o700 });
    await chmod(hidden, 0o700);
    await expect(runSandboxed({ command: "true", args: [], workDir: path.join(hidden, "job") })).rejects.toThrow(
      /not reachable by the sandbox user \(uid 65534\): .*private is not searchable/,
    );
  });

  it("kills the run and rejects when its AbortSignal fires", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    await expect(sh("sleep 100", { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("runSandboxed with SANDBOX=off", () => {
  it("runs directly in the work directory, still under the limits", async () => {
    vi.stubEnv("SANDBOX", "off");
    const result = await sh("pwd; test -r /etc/passwd && echo host-visible");
    expect(result.stdout).toBe(`${workDir}\nhost-visible\n`);
    const slow = await sh("(sleep 1; touch late) & sleep 100", { limits: { timeMs: 200 } });
    expect(slow.limitHit).toBe("time limit of 0.2 s exceeded");
    await sleep(1300);
    expect(existsSync(path.join(workDir, "late"))).toBe(false);
  });
});
