/**
 * CPU time of the processes a cell uses, from /proc (Linux): this process (the aggregator, and Aedes when it is
 * embedded), the publishers (their own `process.cpuUsage()`), and external servers with their child processes
 * (Mosquitto; the PostgreSQL postmaster and its backends). Used to say which process saturates a core.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of one process, in ms; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at state; utime and stime are fields 14, 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

/** utime + stime + the children it has reaped (cutime + cstime), in ms: a backend that exited still counts. */
function processAndReapedCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU ms of `root`, its live children and the children it reaped (a postmaster and its backends). */
export function treeCpuMs(root: number): number {
  let total = processAndReapedCpuMs(root);
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== root && parentOf(pid) === root) total += processCpuMs(pid);
  }
  return total;
}

/** The pid of the server process listening with `-p PORT` in its command line (a postmaster started by pg_ctl). */
export function findServerPid(name: string, port: number): number | null {
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!args[0]?.endsWith(name)) continue;
      const at = args.indexOf("-p");
      if ((at >= 0 && args[at + 1] === String(port)) || args.includes(`-p${port}`)) return pid;
    } catch {
      // the process ended while we looked
    }
  }
  return null;
}

export const loadAverage = (): string => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
