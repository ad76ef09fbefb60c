import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import type { ToolMounts } from "./tool-mounts";

/** "nobody": the uid/gid inside the sandbox, and on the host when the worker runs as root. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;
/** Where the work directory appears inside; also the cwd. */
export const SANDBOX_WORKDIR = "/build";

export const sandboxBaseEnv: Readonly<Record<string, string>> = {
  HOME: "/tmp",
  TMPDIR: "/tmp",
  PATH: "/usr/bin:/bin",
  // Untranslated, stable compiler messages: the diagnostics parser matches "error:"/"warning:".
  LC_ALL: "C",
};

let hostLinks: string[][] | undefined;

/**
 * Symlinks re-created inside, read from the host once. Merged-/usr links (/bin -> usr/bin, ...) so #! lines and the
 * dynamic loader resolve. /etc/alternatives links that point into /usr: Debian's arm toolchain reaches newlib through
 * gcc-arm-none-eabi-include/-lib ("cannot read spec file 'nano.specs'" without them), and tools like awk and cc are
 * alternatives too. They are only pointers into the read-only /usr, so no host data is revealed; the rest of /etc
 * (passwd, hostname, resolv.conf, ...) stays invisible.
 */
function linksFromHost(): string[][] {
  const links: string[][] = [];
  for (const name of ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]) {
    try {
      if (!lstatSync(`/${name}`).isSymbolicLink()) continue;
      const target = readlinkSync(`/${name}`);
      if (target.replace(/^\//, "").startsWith("usr/")) links.push([target, `/${name}`]);
    } catch {
      // absent on this host
    }
  }
  let alternatives: string[] = [];
  try {
    alternatives = readdirSync("/etc/alternatives");
  } catch {
    // not a Debian-style host
  }
  for (const name of alternatives.sort()) {
    // Man-page alternatives are most of the list and no tool needs them.
    if (name.endsWith(".gz") || name.includes("/")) continue;
    try {
      const target = readlinkSync(`/etc/alternatives/${name}`);
      // Links into /usr only; those whose target the run's tool does not need simply dangle inside.
      if (target.startsWith("/usr/") && !target.startsWith("/usr/local/")) {
        links.push([target, `/etc/alternatives/${name}`]);
      }
    } catch {
      // not a link
    }
  }
  return links;
}

export interface BwrapOptions {
  /** fd (as numbered in the child) of the open work directory, bound at /build. */
  workDirFd: number;
  env: Record<string, string>;
  /** Size of the private /tmp tmpfs: without one, writes to /tmp would consume host RAM unbounded. */
  tmpBytes: number;
  /** The tool's executables, libraries and data (see tool-mounts.ts): the only host files visible inside. */
  mounts: ToolMounts;
}

/** bwrap arguments up to (not including) the command: the flags ENVIRONMENT.md measured, plus hardening. */
export function bwrapArgs(opts: BwrapOptions): string[] {
  hostLinks ??= linksFromHost();
  const args = [
    // New user, pid, net, ipc, uts, cgroup and mount namespaces: the net namespace has only a private loopback.
    "--unshare-all",
    "--unshare-user",
    // No nested user namespaces: they are the usual way into kernel code a sandbox should not reach.
    "--disable-userns",
    "--uid",
    String(SANDBOX_UID),
    "--gid",
    String(SANDBOX_GID),
    "--cap-drop",
    "ALL",
    "--die-with-parent",
    // setsid: no TIOCSTI injection into a terminal the worker might have.
    "--new-session",
    "--clearenv",
    "--hostname",
    "sandbox",
    // Only what the tool needs, each at its own path: not the whole of /usr (which holds os-release, docs, ...).
    ...opts.mounts.binds.flatMap((bind) => ["--ro-bind", bind, bind]),
    ...opts.mounts.links.flatMap(([target, link]) => ["--symlink", target, link]),
    ...hostLinks
      .filter(([, link]) => !opts.mounts.links.some(([, own]) => own === link))
      .flatMap(([target, link]) => ["--symlink", target, link]),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(Math.floor(opts.tmpBytes)),
    "--tmpfs",
    "/tmp",
    // By fd, not path: the host path never appears inside (not even in /proc/1/cmdline), and a worker running as
    // root may keep it under a directory the sandbox user could not traverse.
    "--bind-fd",
    String(opts.workDirFd),
    SANDBOX_WORKDIR,
    "--chdir",
    SANDBOX_WORKDIR,
    // bwrap builds / and /dev as tmpfs: left writable, they would be unbounded scratch space in host RAM and more
    // than "only /build and a size-limited /tmp are writable". Last, after every mount is made.
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/",
  ];
  for (const [key, value] of Object.entries({ ...sandboxBaseEnv, ...opts.env })) {
    args.push("--setenv", key, value);
  }
  return args;
}
