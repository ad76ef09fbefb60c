import { type StdioOptions, spawn } from "node:child_process";

export interface LimitedSpawn {
  file: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  /** Host uid/gid the child switches to before exec (libuv also clears supplementary groups). */
  uid?: number;
  gid?: number;
  /** Host fds handed to the child as fd 3, 4, ... (bwrap --bind-fd reads the work directory from one). */
  extraFds?: number[];
  stdin?: string;
  /**
   * Streams instead of collecting: every chunk goes to onOutput (not kept, not counted against outputBytes; the
   * caller bounds what it keeps), and stdin stays open for onStart's writer until the process ends.
   */
  onOutput?: (stream: "stdout" | "stderr", chunk: Buffer) => void;
  onStart?: (stdin: NodeJS.WritableStream) => void;
  timeMs: number;
  outputBytes: number;
  signal?: AbortSignal;
}

export interface LimitedEnd {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputTruncated: boolean;
  durationMs: number;
}

// setTimeout fires at once for delays above 2^31-1 ms; a "very long" limit must not become an instant kill.
const MAX_TIMER_MS = 2 ** 31 - 1;
// After the child exits, a grandchild that escaped the process group could hold the pipes open forever.
const PIPE_GRACE_MS = 1000;

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The sandboxed run was aborted", "AbortError");
}

/**
 * Spawns a process in its own process group and enforces the wall-clock and output limits from outside:
 * either one kills the whole group. An abort kills it too and rejects with the signal's reason.
 */
export function spawnLimited(opts: LimitedSpawn): Promise<LimitedEnd> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(abortError(opts.signal));
    const started = performance.now();
    const stdio: StdioOptions = [
      opts.stdin === undefined && !opts.onStart ? "ignore" : "pipe",
      "pipe",
      "pipe",
      ...(opts.extraFds ?? []),
    ];
    const child = spawn(opts.file, opts.args, {
      cwd: opts.cwd,
      // Next's type augmentation makes NODE_ENV required in ProcessEnv; a child's environment is deliberately minimal.
      env: opts.env as NodeJS.ProcessEnv,
      uid: opts.uid,
      gid: opts.gid,
      detached: true,
      stdio,
    });
    const chunks: Record<"stdout" | "stderr", Buffer[]> = { stdout: [], stderr: [] };
    let kept = 0;
    let timedOut = false;
    let outputTruncated = false;
    let aborted = false;
    let killed = false;
    let settled = false;
    let pipeTimer: NodeJS.Timeout | undefined;

    const kill = () => {
      if (killed || child.pid === undefined) return;
      killed = true;
      try {
        // Negative pid: the whole group (prlimit -> bwrap, or the direct command and its children).
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // ESRCH: it is already gone.
      }
    };
    const collect = (name: "stdout" | "stderr") => (chunk: Buffer) => {
      if (opts.onOutput) return opts.onOutput(name, chunk);
      if (outputTruncated) return;
      const room = opts.outputBytes - kept;
      if (chunk.length > room) {
        chunks[name].push(chunk.subarray(0, room));
        kept = opts.outputBytes;
        outputTruncated = true;
        kill();
        return;
      }
      chunks[name].push(chunk);
      kept += chunk.length;
    };
    const onAbort = () => {
      aborted = true;
      kill();
    };
    const timer = setTimeout(
      () => {
        timedOut = true;
        kill();
      },
      Math.min(opts.timeMs, MAX_TIMER_MS),
    );
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(pipeTimer);
      opts.signal?.removeEventListener("abort", onAbort);
    };

    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout?.on("data", collect("stdout"));
    child.stderr?.on("data", collect("stderr"));
    if (child.stdin) {
      // The command may exit without reading its input; EPIPE then is not our error.
      child.stdin.on("error", () => {});
      if (opts.onStart) opts.onStart(child.stdin);
      else child.stdin.end(opts.stdin);
    }
    child.on("exit", () => {
      pipeTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, PIPE_GRACE_MS);
    });
    child.on("error", (error) => {
      if (settled) return;
      finish();
      kill();
      reject(error);
    });
    child.on("close", (exitCode, signal) => {
      if (settled) return;
      finish();
      if (aborted && opts.signal) return reject(abortError(opts.signal));
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(chunks.stdout).toString("utf8"),
        stderr: Buffer.concat(chunks.stderr).toString("utf8"),
        timedOut,
        outputTruncated,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
