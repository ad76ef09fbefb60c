import { constants, existsSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { SANDBOX_GID, SANDBOX_UID, bwrapArgs, sandboxBaseEnv } from "../sandbox/bwrap-args";
import { findExecutable } from "../sandbox/host-tools";
import { formatBytes, formatSeconds, prlimitArgs, resolveLimits, rlimitHit } from "../sandbox/limits";
import { sandboxMode } from "../sandbox/mode";
import { assertReachable, chownTree } from "../sandbox/prepare-workdir";
import { spawnLimited, type LimitedEnd } from "../sandbox/spawn-limited";
import { toolMounts } from "../sandbox/tool-mounts";
import { LineBuffer } from "./line-buffer";
import type { SandboxLimits } from "../sandbox/types";

// The work directory's fd as the child sees it: fd 3 is the first of spawn's extra stdio entries.
const WORKDIR_FD = 3;
/**
 * With the network kept, terraform (Go) needs the resolver configuration and CA bundle to reach registries and
 * cloud APIs; /etc stays hidden otherwise. Bound only when they exist.
 */
const NETWORK_FILES = ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/ssl/certs"];

export interface TerraformProcess {
  binary: string;
  args: string[];
  workDir: string;
  /** The whole environment terraform sees; credentials travel here and never on a command line. */
  env: Record<string, string>;
  network: boolean;
  limits?: Partial<SandboxLimits>;
  signal: AbortSignal;
  /** Each line of output (stdout and stderr) as terraform prints it, for a live log; stdout/stderr still come back. */
  onLine?: (line: string) => void;
}

export interface TerraformEnd {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Which limit ended the run, in words, or null. */
  limitHit: string | null;
  durationMs: number;
}

/** The terraform binary on this worker, or a clear error saying how to get one. */
export function resolveTerraformBinary(explicit?: string): string {
  const binary = explicit ?? findExecutable("terraform");
  if (!binary || !existsSync(binary)) {
    throw new Error(
      `terraform is not installed on this worker${explicit ? ` (no file at ${explicit})` : " (not on PATH)"}: ` +
        "install the terraform binary (it is not in Debian's archive) and restart the worker",
    );
  }
  return binary;
}

/**
 * bwrap arguments for terraform, built on the shared sandbox's own: the terraform binary visible at its host path
 * (with the shell basics a local-exec provisioner uses) and, for targets that need it, the host network namespace
 * kept (--share-net) with the resolver and CA files. The network mounts go before the final --remount-ro flags,
 * which must stay last. --clearenv is dropped so the environment comes from the spawn (bwrap passes its own on):
 * --setenv would put credentials on bwrap's command line, readable by every user in /proc/<pid>/cmdline.
 */
export async function terraformBwrapArgs(binary: string, network: boolean, tmpBytes: number): Promise<string[]> {
  const mounts = await toolMounts([binary]);
  const base = bwrapArgs({ workDirFd: WORKDIR_FD, env: {}, tmpBytes, mounts }).filter((arg) => arg !== "--clearenv");
  if (!network) return base;
  const extra = ["--share-net", ...NETWORK_FILES.flatMap((file) => ["--ro-bind-try", file, file])];
  const at = base.indexOf("--remount-ro");
  return at === -1 ? [...base, ...extra] : [...base.slice(0, at), ...extra, ...base.slice(at)];
}

/**
 * Streams output line by line while keeping the first outputBytes of each stream for the result. The sandbox does
 * not count streamed output against its output limit, so this bounds what the worker holds.
 */
function streamLines(onLine: (line: string) => void, outputBytes: number) {
  const kept = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  let room = outputBytes;
  const lines = { stdout: new LineBuffer(onLine), stderr: new LineBuffer(onLine) };
  return {
    onOutput(stream: "stdout" | "stderr", chunk: Buffer) {
      lines[stream].push(chunk);
      const part = chunk.subarray(0, Math.max(0, room));
      room -= part.length;
      if (part.length > 0) kept[stream].push(part);
    },
    finish(end: LimitedEnd): LimitedEnd {
      lines.stdout.flush();
      lines.stderr.flush();
      const text = (stream: "stdout" | "stderr") => Buffer.concat(kept[stream]).toString("utf8");
      return { ...end, stdout: text("stdout"), stderr: text("stderr") };
    },
  };
}

function prlimitPath(): string {
  const prlimit = findExecutable("prlimit");
  if (!prlimit) throw new Error("prlimit (util-linux) is not installed: it applies the sandbox's resource limits");
  return prlimit;
}

async function runInBwrap(run: TerraformProcess, limits: SandboxLimits): Promise<LimitedEnd> {
  const bwrap = findExecutable("bwrap");
  if (!bwrap) {
    throw new Error(
      "SANDBOX=required but bubblewrap (bwrap) is not installed: apt-get install bubblewrap, or set SANDBOX=off",
    );
  }
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await assertReachable(run.workDir, SANDBOX_UID, SANDBOX_GID);
    await chownTree(run.workDir, SANDBOX_UID, SANDBOX_GID);
  }
  const dir = await open(run.workDir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const sandbox = await terraformBwrapArgs(run.binary, run.network, limits.memoryBytes);
    const stream = run.onLine && streamLines(run.onLine, limits.outputBytes);
    const end = await spawnLimited({
      file: prlimitPath(),
      args: [...prlimitArgs(limits), "--", bwrap, ...sandbox, "--", run.binary, ...run.args],
      env: { ...sandboxBaseEnv, ...run.env },
      ...(asRoot ? { uid: SANDBOX_UID, gid: SANDBOX_GID } : {}),
      extraFds: [dir.fd],
      timeMs: limits.timeMs,
      outputBytes: limits.outputBytes,
      onOutput: stream?.onOutput,
      signal: run.signal,
    });
    return stream ? stream.finish(end) : end;
  } finally {
    await dir.close();
  }
}

async function runDirect(run: TerraformProcess, limits: SandboxLimits): Promise<LimitedEnd> {
  // SANDBOX=off: the host's files and network, but still only the environment given and still the limits.
  const home = `${run.workDir}/.home`;
  await mkdir(home, { recursive: true });
  const stream = run.onLine && streamLines(run.onLine, limits.outputBytes);
  const end = await spawnLimited({
    file: prlimitPath(),
    args: [...prlimitArgs(limits), "--", run.binary, ...run.args],
    cwd: run.workDir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", HOME: home, ...run.env },
    timeMs: limits.timeMs,
    outputBytes: limits.outputBytes,
    onOutput: stream?.onOutput,
    signal: run.signal,
  });
  return stream ? stream.finish(end) : end;
}

/** Runs terraform once under the configured sandbox; never throws for terraform's own failure. */
export async function runTerraformProcess(run: TerraformProcess): Promise<TerraformEnd> {
  const limits = resolveLimits(run.limits);
  const end = sandboxMode() === "off" ? await runDirect(run, limits) : await runInBwrap(run, limits);
  let limitHit: string | null = null;
  if (end.timedOut) limitHit = `time limit of ${formatSeconds(limits.timeMs / 1000)} exceeded`;
  else if (end.outputTruncated) limitHit = `output limit of ${formatBytes(limits.outputBytes)} exceeded`;
  else limitHit = rlimitHit(limits, end);
  return { exitCode: end.exitCode, stdout: end.stdout, stderr: end.stderr, limitHit, durationMs: end.durationMs };
}
