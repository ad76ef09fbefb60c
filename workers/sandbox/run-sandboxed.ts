import { constants } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SANDBOX_GID, SANDBOX_UID, bwrapArgs } from "./bwrap-args";
import { findExecutable, forgetExecutable } from "./host-tools";
import { formatBytes, formatSeconds, prlimitArgs, resolveLimits, rlimitHit } from "./limits";
import { sandboxMode } from "./mode";
import { assertReachable, chownTree } from "./prepare-workdir";
import { type LimitedEnd, spawnLimited } from "./spawn-limited";
import { toolMounts } from "./tool-mounts";
import type { SandboxLimits, SandboxResult, SandboxRun } from "./types";

export { sandboxMode } from "./mode";
export type { SandboxMode } from "./mode";

const MISSING_BWRAP =
  "SANDBOX=required but bubblewrap (bwrap) is not installed: apt-get install bubblewrap, or set SANDBOX=off to run untrusted firmware builds unsandboxed";
// The work directory's fd as the child sees it: fd 3 is the first of spawn's extra stdio entries.
const WORKDIR_FD = 3;

function prlimitPath(): string {
  const prlimit = findExecutable("prlimit");
  if (!prlimit) throw new Error("prlimit (util-linux) is not installed: it applies the sandbox's resource limits");
  return prlimit;
}

async function runInBwrap(bwrap: string, run: SandboxRun, limits: SandboxLimits): Promise<LimitedEnd> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await assertReachable(run.workDir, SANDBOX_UID, SANDBOX_GID);
    await chownTree(run.workDir, SANDBOX_UID, SANDBOX_GID);
  }
  const dir = await open(run.workDir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const sandbox = bwrapArgs({
      workDirFd: WORKDIR_FD,
      env: run.env ?? {},
      tmpBytes: limits.memoryBytes,
      mounts: await toolMounts([run.command, ...(run.tools ?? [])]),
    });
    return await spawnLimited({
      file: prlimitPath(),
      args: [...prlimitArgs(limits), "--", bwrap, ...sandbox, "--", run.command, ...run.args],
      env: {},
      // Root drops to "nobody" on the host too; anyone else is already unprivileged and maps itself to 65534 inside.
      ...(asRoot ? { uid: SANDBOX_UID, gid: SANDBOX_GID } : {}),
      extraFds: [dir.fd],
      stdin: run.stdin,
      onOutput: run.onOutput,
      onStart: run.onStart,
      timeMs: limits.timeMs,
      outputBytes: limits.outputBytes,
      signal: run.signal,
    });
  } finally {
    await dir.close();
  }
}

function runDirect(run: SandboxRun, limits: SandboxLimits): Promise<LimitedEnd> {
  return spawnLimited({
    file: prlimitPath(),
    args: [...prlimitArgs(limits), "--", run.command, ...run.args],
    cwd: run.workDir,
    // Host PATH so toolchains outside /usr still resolve; nothing else of the worker's environment (tokens) leaks in.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: run.workDir, LC_ALL: "C", ...run.env },
    stdin: run.stdin,
    onOutput: run.onOutput,
    onStart: run.onStart,
    timeMs: limits.timeMs,
    outputBytes: limits.outputBytes,
    signal: run.signal,
  });
}

function toResult(end: LimitedEnd, limits: SandboxLimits): SandboxResult {
  // A command killed by signal n surfaces as exit status 128+n through bwrap (and through any shell): report both
  // forms in either mode, so callers need one check. Runs we killed ourselves keep exitCode null.
  let { exitCode, signal } = end;
  if (signal !== null && exitCode === null && !end.timedOut && !end.outputTruncated) {
    exitCode = 128 + (os.constants.signals[signal] ?? 0);
  } else if (signal === null && exitCode !== null && exitCode > 128 && exitCode < 128 + 65) {
    const name = Object.entries(os.constants.signals).find(([, n]) => n === exitCode! - 128)?.[0];
    signal = (name as NodeJS.Signals | undefined) ?? null;
  }
  let limitHit: string | null = null;
  if (end.timedOut) limitHit = `time limit of ${formatSeconds(limits.timeMs / 1000)} exceeded`;
  else if (end.outputTruncated) limitHit = `output limit of ${formatBytes(limits.outputBytes)} exceeded`;
  else limitHit = rlimitHit(limits, { signal, exitCode, stderr: end.stderr });
  return { ...end, exitCode, signal, limitHit };
}

let bwrapReady: Promise<string> | undefined;

/** Resolves bwrap's path once it has proved it can build a sandbox here; a failure is retried on the next call. */
function usableBwrap(): Promise<string> {
  bwrapReady ??= (async () => {
    const bwrap = findExecutable("bwrap");
    if (!bwrap) throw new Error(MISSING_BWRAP);
    const probe = await probeBwrap(bwrap);
    if (!probe.ok) {
      throw new Error(
        `SANDBOX=required but bubblewrap (bwrap) cannot create a sandbox on this machine (${probe.detail}): ` +
          "allow unprivileged user namespaces, or set SANDBOX=off to run untrusted firmware builds unsandboxed",
      );
    }
    return bwrap;
  })().catch((error: unknown) => {
    bwrapReady = undefined;
    forgetExecutable("bwrap");
    throw error;
  });
  return bwrapReady;
}

async function probeBwrap(bwrap: string): Promise<{ ok: boolean; detail: string }> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "sandbox-check-"));
  try {
    const end = await runInBwrap(bwrap, { command: "true", args: [], workDir }, resolveLimits({ timeMs: 10_000 }));
    if (end.exitCode === 0) return { ok: true, detail: `bubblewrap runs \`true\` in ${end.durationMs} ms` };
    const why = end.stderr.trim().split("\n").pop() || `exit status ${end.exitCode ?? end.signal}`;
    return { ok: false, detail: why };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Runs a command under the configured sandbox and limits; never throws for the command's own failure. */
export async function runSandboxed(run: SandboxRun): Promise<SandboxResult> {
  const limits = resolveLimits(run.limits);
  if (!path.isAbsolute(run.workDir)) throw new Error(`Sandbox workDir must be an absolute path: ${run.workDir}`);
  const end =
    sandboxMode() === "off" ? await runDirect(run, limits) : await runInBwrap(await usableBwrap(), run, limits);
  return toResult(end, limits);
}

/**
 * For diagnostics: probes bubblewrap whatever SANDBOX says. ok means untrusted runs really are sandboxed (bwrap works
 * and SANDBOX=required); detail says what was found and what is in force.
 */
export async function checkSandbox(): Promise<{ ok: boolean; detail: string }> {
  let mode: string;
  try {
    mode = sandboxMode();
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  const bwrap = findExecutable("bwrap");
  const inForce = mode === "off" ? "SANDBOX=off: builds run unsandboxed" : "SANDBOX=required";
  if (!bwrap) {
    forgetExecutable("bwrap");
    return { ok: false, detail: `bubblewrap (bwrap) is not installed; ${inForce}` };
  }
  const probe = await probeBwrap(bwrap);
  return { ok: probe.ok && mode === "required", detail: `${probe.detail}; ${inForce}` };
}
