import { execFile } from "node:child_process";
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
} from "node:fs";
import path from "node:path";

/**
 * What a sandboxed tool may see of the host: its executables, the shared libraries they load (from ldd) and the
 * data directories it reads, each bound read-only at its own path. Nothing else of /usr is there, so a compile
 * that reaches for /usr/lib/os-release (or any file the toolchain does not need) finds nothing.
 */
export interface ToolMounts {
  /** Host paths (files or directories) bound read-only at the same path. */
  binds: string[];
  /** [target, link] pairs re-created inside, so paths through symlinks (ld.so, /usr/bin/cc) resolve. */
  links: Array<[string, string]>;
}

/**
 * Data each tool reads besides its executables, keyed by executable name. A trailing "*" matches directory names
 * starting with the text before it. Executables found inside these directories (cc1, as, ld, lto plugins) get their
 * shared libraries bound too.
 */
const TOOL_DATA: Readonly<Record<string, readonly string[]>> = {
  // gcc's own libexec (cc1, collect2, crt files, libgcc), binutils for the target, newlib and its headers.
  "arm-none-eabi-gcc": ["/usr/lib/gcc/arm-none-eabi", "/usr/lib/arm-none-eabi", "/usr/include/newlib"],
  // avr-libc's headers and libraries live under /usr/lib/avr with the target binutils.
  "avr-gcc": ["/usr/lib/gcc/avr", "/usr/lib/avr"],
  // Firmware images and keymaps, and the loadable modules (accelerators, chardevs) QEMU may open at start-up.
  // QEMU's firmware images and keymaps. Its loadable modules (GTK/SDL/spice displays, audio) are left out: the runs
  // use -display none and the built-in TCG accelerator, and the modules would pull in a hundred GUI libraries.
  "qemu-system-arm": ["/usr/share/qemu"],
  "qemu-system-avr": ["/usr/share/qemu"],
  python3: ["/usr/lib/python3*"],
};

/** Executables every sandbox has, so `sh -c` scripts (the compile script, tests) can run plain commands. */
export const BASE_TOOLS: readonly string[] = [
  ...["sh", "bash", "cat", "echo", "env", "head", "id", "kill", "ls", "pwd", "sleep", "test", "timeout", "touch"],
  ...["true", "false", "yes", "getent"],
];

/** Where a name resolves inside: the sandbox's PATH is /usr/bin:/bin, whatever the worker's PATH holds (pyenv shims, /usr/local). */
function sandboxExecutable(name: string): string | null {
  for (const dir of ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

const ELF_MAGIC = 0x464c457f;
const TARGET_FILE = /\.(a|o|h|ld|x[a-z]*|specs|c|txt|py|pyc)$/;
let hostMachine: number | undefined;

/** e_machine of an ELF file (x86-64 is 62), or null for anything else; ldd only makes sense for host binaries. */
function elfMachine(file: string): number | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const header = Buffer.alloc(20);
    if (readSync(fd, header, 0, 20, 0) < 20 || header.readUInt32LE(0) !== ELF_MAGIC) return null;
    return header.readUInt16LE(18);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function expandData(entry: string): string[] {
  if (!entry.endsWith("*")) return [entry];
  const dir = path.dirname(entry);
  const prefix = path.basename(entry).slice(0, -1);
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** Host-architecture executables and shared objects below a directory (not ARM/AVR objects of newlib). */
function hostBinariesUnder(dir: string, found: string[] = []): string[] {
  hostMachine ??= elfMachine("/proc/self/exe") ?? 62;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hostBinariesUnder(full, found);
    // Target libraries, objects, headers and linker scripts are most of these trees: skip them without a stat.
    else if (!entry.isFile() || TARGET_FILE.test(entry.name)) continue;
    else if (/\.so(\.\d+)*$/.test(entry.name) || (statSync(full).mode & 0o111) !== 0) {
      if (elfMachine(full) === hostMachine) found.push(full);
    }
  }
  return found;
}

/** Absolute library paths (and the loader) that ldd reports for these files, in one ldd call. */
function sharedLibraries(files: string[]): Promise<string[]> {
  if (files.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    // ldd exits 1 when one of several files is static ("not a dynamic executable"); the others are still listed.
    execFile("ldd", files, { encoding: "utf8", maxBuffer: 16 * 1024 ** 2 }, (_error, stdout) => {
      const libs = new Set<string>();
      for (const match of (stdout ?? "").matchAll(/(?:=>\s*)?(\/[^\s]+)\s+\(0x[0-9a-f]+\)/g)) libs.add(match[1]);
      resolve([...libs]);
    });
  });
}

/** Adds a path, re-creating every symlink on the way to the real file. */
function addPath(mounts: ToolMounts, seen: Set<string>, start: string): void {
  let current = start;
  for (let hops = 0; hops < 16 && !seen.has(current); hops++) {
    seen.add(current);
    let parent: string;
    try {
      parent = realpathSync(path.dirname(current));
    } catch {
      return;
    }
    const here = path.join(parent, path.basename(current));
    let info;
    try {
      info = lstatSync(here);
    } catch {
      return;
    }
    if (!info.isSymbolicLink()) {
      mounts.binds.push(here);
      return;
    }
    const target = readlinkSync(here);
    mounts.links.push([target, here]);
    current = path.resolve(parent, target);
  }
}

const cache = new Map<string, Promise<ToolMounts>>();

/** The mounts for a set of executables (names looked up on PATH, or absolute paths), worked out once per set. */
export function toolMounts(executables: readonly string[]): Promise<ToolMounts> {
  const names = [...new Set([...BASE_TOOLS, ...executables])].sort();
  const key = names.join("\0");
  let mounts = cache.get(key);
  if (!mounts) {
    mounts = collectMounts(names);
    cache.set(key, mounts);
    // A failure (a tool installed meanwhile, ldd missing) is worked out again next time.
    mounts.catch(() => cache.delete(key));
  }
  return mounts;
}

async function collectMounts(names: string[]): Promise<ToolMounts> {
  const mounts: ToolMounts = { binds: [], links: [] };
  const seen = new Set<string>();
  const programs: string[] = [];
  const dataDirs: string[] = [];
  for (const name of names) {
    const found = path.isAbsolute(name) ? name : sandboxExecutable(name);
    if (!found) continue;
    programs.push(found);
    for (const entry of TOOL_DATA[path.basename(name)] ?? []) dataDirs.push(...expandData(entry));
  }
  const existingDirs = dataDirs.filter((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  });
  const inside = existingDirs.flatMap((dir) => hostBinariesUnder(dir));
  const resolved = programs.map((p) => realpathSync(p));
  for (const file of [...programs, ...existingDirs, ...(await sharedLibraries([...resolved, ...inside]))]) {
    addPath(mounts, seen, file);
  }
  // A bound directory already contains the files below it; binding them again would only add mounts.
  const dirs = existingDirs.map((d) => realpathSync(d));
  mounts.binds = [...new Set(mounts.binds)].filter(
    (bind) => !dirs.some((dir) => bind !== dir && bind.startsWith(`${dir}/`)),
  );
  return mounts;
}
