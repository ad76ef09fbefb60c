import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

const execFileAsync = promisify(execFile);

export interface TestPostgres {
  /** postgresql://postgres@127.0.0.1:PORT/swarm_test (trust auth, no password). */
  url: string;
  /** Stops the server immediately and deletes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The directory holding initdb, pg_ctl and createdb: PATH first, then the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinDir(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const initdb = path.join(dir, "initdb");
    if (isExecutable(initdb)) {
      const real = path.dirname(fs.realpathSync(initdb)); // /usr/local/bin/initdb may link into the real bin dir
      if (isExecutable(path.join(real, "pg_ctl"))) return real;
      if (isExecutable(path.join(dir, "pg_ctl"))) return dir;
    }
  }
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base) : [];
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  for (const version of versions) {
    const dir = path.join(base, version, "bin");
    if (isExecutable(path.join(dir, "initdb")) && isExecutable(path.join(dir, "pg_ctl"))) return dir;
  }
  throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql");
}

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
const isRoot = () => process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root, but there is no `postgres` user to run PostgreSQL as");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** PostgreSQL refuses to run as root: as root, run server commands as the `postgres` user. */
function serverCommand(file: string, args: string[]): [string, string[]] {
  if (!isRoot()) return [file, args];
  return ["su", ["postgres", "-s", "/bin/sh", "-c", [file, ...args].map(shellQuote).join(" ")]];
}

async function runServerCommand(file: string, args: string[]): Promise<void> {
  const [command, commandArgs] = serverCommand(file, args);
  try {
    await execFileAsync(command, commandArgs, { cwd: "/", timeout: 120_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(file)} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** Starts a throwaway PostgreSQL server on a free loopback port with a `swarm_test` database. */
export async function startPostgres(): Promise<TestPostgres> {
  const binDir = findPostgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "swarm-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    fs.chownSync(dir, uid, gid);
  }
  let running = false;
  const stopSync = () => {
    if (running) {
      running = false;
      try {
        const [command, args] = serverCommand(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop"]);
        execFileSync(command, args, { cwd: "/", stdio: "ignore", timeout: 30_000 });
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopSync); // a crashed test run must not leave a server behind

  try {
    const initdbArgs = ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"];
    await runServerCommand(path.join(binDir, "initdb"), initdbArgs);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
    ].join(" ");
    running = true;
    await runServerCommand(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-o", options, "-w", "start"]);
    const createdbArgs = ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "swarm_test"];
    await execFileAsync(path.join(binDir, "createdb"), createdbArgs, { timeout: 60_000 });

    let stopped: Promise<void> | null = null;
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/swarm_test`,
      stop() {
        stopped ??= (async () => {
          process.removeListener("exit", stopSync);
          if (running) {
            running = false;
            await runServerCommand(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop"]);
          }
          fs.rmSync(dir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (error) {
    let log = "";
    try {
      log = fs.readFileSync(logFile, "utf8");
    } catch {
      // no log yet
    }
    process.removeListener("exit", stopSync);
    stopSync();
    throw new Error(`${(error as Error).message}${log ? `\npostgres log:\n${log}` : ""}`);
  }
}
