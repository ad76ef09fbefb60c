export interface SandboxLimits {
  /** Wall-clock limit; the process group is killed after it. */
  timeMs: number;
  /** Address-space limit (RLIMIT_AS) in bytes. */
  memoryBytes: number;
  /** CPU seconds (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Combined stdout+stderr kept; the process is killed when it prints more. */
  outputBytes: number;
  /** Largest file the process may write (RLIMIT_FSIZE). */
  fileBytes: number;
}

export interface SandboxRun {
  command: string;
  args: string[];
  /** Host directory mounted read-write at /build (the cwd); nothing else is writable. */
  workDir: string;
  env?: Record<string, string>;
  /**
   * Executables the run uses besides `command` and the shell basics (tool-mounts.ts BASE_TOOLS): each is visible
   * inside with its shared libraries and data directories, and nothing else of the host's /usr is.
   */
  tools?: string[];
  limits?: Partial<SandboxLimits>;
  stdin?: string;
  /** Streaming runs (emulators): output chunks as they come, and a stdin kept open for writing. */
  onOutput?: (stream: "stdout" | "stderr", chunk: Buffer) => void;
  onStart?: (stdin: NodeJS.WritableStream) => void;
  signal?: AbortSignal;
}

export interface SandboxResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputTruncated: boolean;
  /** Which limit ended the run, in words, or null. */
  limitHit: string | null;
  durationMs: number;
}
