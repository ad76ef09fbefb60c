import type { SandboxLimits } from "./types";

export const defaultLimits: SandboxLimits = {
  timeMs: 60_000,
  memoryBytes: 1024 ** 3,
  cpuSeconds: 60,
  outputBytes: 1024 ** 2,
  fileBytes: 64 * 1024 ** 2,
};

export function resolveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  const merged = { ...defaultLimits, ...limits };
  for (const [name, value] of Object.entries(merged)) {
    // A zero or negative limit would either disable the limit (RLIMIT semantics) or kill every run: refuse both.
    if (!Number.isFinite(value) || value <= 0) throw new Error(`Sandbox limit ${name} must be a positive number`);
  }
  return merged;
}

/** prlimit options for the RLIMITs; they survive exec and namespace creation, so bwrap and everything under it inherit them. */
export function prlimitArgs(limits: SandboxLimits): string[] {
  const cpu = Math.max(1, Math.ceil(limits.cpuSeconds));
  return [
    `--as=${Math.floor(limits.memoryBytes)}`,
    // Soft limit sends SIGXCPU (reported as the CPU limit); the hard limit one second later SIGKILLs a process that ignores it.
    `--cpu=${cpu}:${cpu + 1}`,
    `--fsize=${Math.floor(limits.fileBytes)}`,
    // A crash must not write a core file of the compiler into the build directory.
    "--core=0",
  ];
}

export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes.toLocaleString("en-US")} bytes`;
}

export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

/** What a run's end says about the RLIMITs; the caller handles time and output limits, which it enforces itself. */
export function rlimitHit(
  limits: SandboxLimits,
  end: { signal: NodeJS.Signals | null; exitCode: number | null; stderr: string },
): string | null {
  // gcc reports a killed cc1/as/ld in words ("CPU time limit exceeded signal terminated program cc1"), so check those too.
  if (end.signal === "SIGXCPU" || /CPU time limit exceeded/i.test(end.stderr)) {
    return `CPU time limit of ${formatSeconds(limits.cpuSeconds)} exceeded`;
  }
  if (end.signal === "SIGXFSZ" || /File size limit exceeded/i.test(end.stderr)) {
    return `file size limit of ${formatBytes(limits.fileBytes)} exceeded`;
  }
  // RLIMIT_AS makes allocations fail rather than kill, so the only trace is the program's own complaint.
  const outOfMemory =
    /virtual memory exhausted|cannot allocate memory|out of memory|memory exhausted|bad_alloc|MemoryError/i;
  if (end.exitCode !== 0 && outOfMemory.test(end.stderr)) {
    return `memory limit of ${formatBytes(limits.memoryBytes)} exceeded`;
  }
  return null;
}
